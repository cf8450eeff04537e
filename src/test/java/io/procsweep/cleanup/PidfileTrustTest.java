package io.procsweep.cleanup;

import static io.procsweep.cleanup.LiveRun.alive;
import static io.procsweep.cleanup.LiveRun.awaitGone;
import static io.procsweep.cleanup.LiveRun.outcome;
import static io.procsweep.cleanup.LiveRun.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Pid files through the whole command: what a saved plan or a planted path cannot steer. */
@EnabledOnOs(OS.LINUX)
class PidfileTrustTest {
  @TempDir Path dir;

  /** A pid no process has: a child that was started, ended and reaped. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void aSavedPlanCannotDeleteAFileThatIsNoStalePidFileNorADirectory() throws Exception {
    LiveRun run = new LiveRun(dir);
    Path runDir = Files.createDirectories(dir.resolve(".run"));
    Path stale = Files.writeString(runDir.resolve("old-api.pid"), deadPid() + "\n");
    Path notes = Files.writeString(runDir.resolve("notes.txt"), "not a pid file\n");
    Path emptyDir = Files.createDirectories(runDir.resolve("empty.pid"));
    Path rules = run.file("rules.yaml", "version: 1\npidfiles: [\".run/*.pid\"]\n");
    String own = String.valueOf(ProcessHandle.current().pid()); // never planned: no process
    Path plan = dir.resolve("plan.json");
    ObjectNode doc = run.plan(plan, "--mode", "safe", "--rules", rules.toString(), "--pid", own);

    // The hostile edit: two more removals copied from the real one, aimed elsewhere.
    ArrayNode actions = (ArrayNode) doc.get("actions");
    ObjectNode real = null;
    for (JsonNode a : actions) {
      if (a.path("action").asText().equals("remove-pidfile")) {
        real = (ObjectNode) a;
      }
    }
    assertTrue(real != null, "the plan removes the stale pid file: " + doc);
    for (Path target : new Path[] {notes, emptyDir}) {
      ObjectNode copy = real.deepCopy();
      ((ObjectNode) copy.get("pidfile")).put("path", target.toString());
      actions.add(copy);
    }
    LiveRun.writePlan(plan, doc);

    Cli.Result r = run.clean("--plan", plan.toString(), "--yes", "--rules", rules.toString(),
        "--pid", own);
    assertEquals(0, r.code(), r.err() + r.out());
    assertFalse(Files.exists(stale), "the planned stale pid file is removed");
    assertTrue(Files.isRegularFile(notes), "a file the plan added is never deleted");
    assertTrue(Files.isDirectory(emptyDir), "a directory is never deleted");
    assertFalse(run.auditText().contains(notes.toString()), run.auditText());
    assertFalse(run.auditText().contains(emptyDir.toString()), run.auditText());
  }

  @Test
  void forcedCleanupFailsClosedWhenAProtectGlobCannotBeWalked() throws Exception {
    LiveRun run = new LiveRun(dir);
    Path workers = Files.createDirectories(dir.resolve("workers"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(workers.resolve("api"), elsewhere);
    // A registered worker could hide behind the directory the walk must not follow.
    Path rules = run.file("rules.yaml", "version: 1\nsubreapers: [psweep-reaper]\n"
        + "protect:\n  pidfiles: [\"workers/*/*.pid\"]\n");
    try (Fixture f = Fixture.start("orphan", true)) {
      int orphan = f.pid("orphan");
      Cli.Result refused = run.clean("--mode", "forced", "--yes", "--grace", "2s",
          "--rules", rules.toString(), "--match", f.marker());
      assertEquals(4, refused.code(), refused.err() + refused.out());
      JsonNode t = target(outcome(refused), orphan);
      assertEquals("protection-unknown", t.get("reason").asText(), refused.out());
      assertTrue(alive(orphan), "nothing is signalled while protection is unknown");
      assertEquals("", run.auditText(), "nothing was even about to be signalled");

      // The walk error was the only reason: with the symlink gone, the orphan is cleaned up.
      Files.delete(link);
      Cli.Result carried = run.clean("--mode", "forced", "--yes", "--grace", "2s",
          "--rules", rules.toString(), "--match", f.marker());
      assertEquals(0, carried.code(), carried.err() + carried.out());
      assertEquals("terminated", target(outcome(carried), orphan).get("status").asText());
      awaitGone(orphan);
    }
  }
}
