package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code procsweep clean} as its own process against real fixtures. Every run is scoped to the
 * fixture's marker, pid or subtree; every fixture is killed by the test that made it.
 */
@EnabledOnOs(OS.LINUX)
class CleanCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Makes the fixtures' own subreaper known, so what it adopted counts as reparented. */
  private Path subreaperRules() throws IOException {
    Path p = dir.resolve("subreaper.yaml");
    Files.writeString(p, "version: 1\nsubreapers: [psweep-reaper]\n");
    return p;
  }

  private Cli.Result clean(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("clean", "--sample", "0", "--format", "json",
        "--audit", dir.resolve("audit.jsonl").toString()));
    all.addAll(List.of(args));
    return Cli.run(dir, all.toArray(String[]::new));
  }

  private static JsonNode outcome(Cli.Result r) throws Exception {
    JsonNode doc = JSON.readTree(r.out());
    assertEquals("procsweep/outcome/v1", doc.get("schema").asText(), r.out());
    assertEquals(Set.of(), Schemas.validate("outcome-v1.schema.json", doc));
    return doc;
  }

  private static JsonNode target(JsonNode outcome, int pid) {
    for (JsonNode t : outcome.get("targets")) {
      if (t.at("/target/pid").asInt() == pid) {
        return t;
      }
    }
    throw new AssertionError("no target " + pid + " in " + outcome);
  }

  private static boolean alive(int pid) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return false;
    }
    try {
      String s = Files.readString(stat);
      char state = s.charAt(s.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitGone(int pid) throws Exception {
    for (int i = 0; i < 100 && alive(pid); i++) {
      Thread.sleep(50);
    }
    assertFalse(alive(pid), "pid " + pid + " still alive");
  }

  private List<String> auditLines() throws IOException {
    Path audit = dir.resolve("audit.jsonl");
    return Files.exists(audit) ? Files.readAllLines(audit) : List.of();
  }

  @Test
  void safeModeEndsAnOrphanAndAListenerHolder() throws Exception {
    try (Fixture orphan = Fixture.start("orphan", true);
        Fixture listener = Fixture.start("listener", true)) {
      int o = orphan.pid("orphan");
      int holder = listener.pid("holder");
      Cli.Result r = clean("--mode", "safe", "--yes", "--grace", "3s",
          "--rules", subreaperRules().toString(),
          "--match", orphan.marker() + "|" + listener.marker());
      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode out = outcome(r);
      assertEquals("terminated", target(out, o).get("status").asText());
      assertEquals("terminated", target(out, holder).get("status").asText());
      assertEquals("SIGTERM", target(out, o).at("/signals/0/signal").asText());
      awaitGone(o);
      awaitGone(holder);
      List<String> audit = auditLines();
      assertTrue(audit.stream().anyMatch(l -> l.contains("\"pid\":" + o) && l.contains("SIGTERM")),
          String.join("\n", audit));
    }
  }

  @Test
  void safeModeLeavesATermIgnoringOrphanAliveAndForcedModeEscalates() throws Exception {
    try (Fixture f = Fixture.start("stubborn-orphan", true)) {
      int o = f.pid("orphan");
      Path rules = subreaperRules();
      Cli.Result safe = clean("--mode", "safe", "--yes", "--grace", "1s",
          "--rules", rules.toString(), "--match", f.marker());
      assertEquals(4, safe.code(), safe.err() + safe.out());
      assertEquals("survived", target(outcome(safe), o).get("status").asText());
      assertTrue(alive(o), "a TERM-ignoring process survives safe mode");

      Cli.Result forced = clean("--mode", "forced", "--yes", "--grace", "1s",
          "--rules", rules.toString(), "--match", f.marker());
      assertEquals(0, forced.code(), forced.err() + forced.out());
      JsonNode t = target(outcome(forced), o);
      assertEquals("terminated", t.get("status").asText());
      List<String> sent = new ArrayList<>();
      t.get("signals").forEach(s -> sent.add(s.get("signal").asText()));
      // Frozen first (the orphan is a one-process tree), then TERM, TERM, KILL.
      assertEquals(List.of("SIGSTOP", "SIGTERM", "SIGCONT", "SIGTERM", "SIGKILL"), sent);
      awaitGone(o);
    }
  }

  @Test
  void forcedModeEndsAWholeTreeDeepestFirst() throws Exception {
    try (Fixture f = Fixture.start("orphan-tree", true)) {
      int root = f.pid("orphan");
      int child = f.pid("child");
      int leaf = f.pid("leaf");
      Cli.Result r = clean("--mode", "forced", "--yes", "--grace", "2s",
          "--rules", subreaperRules().toString(), "--pid", String.valueOf(root));
      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode t = target(outcome(r), root);
      assertEquals("terminated", t.get("status").asText());
      List<Integer> order = new ArrayList<>();
      t.get("signals").forEach(s -> {
        int pid = s.get("pid").asInt();
        if (s.get("signal").asText().equals("SIGTERM") && !order.contains(pid)) {
          order.add(pid);
        }
      });
      assertEquals(List.of(leaf, child, root), order);
      awaitGone(root);
      awaitGone(child);
      awaitGone(leaf);
    }
  }

  @Test
  void zombieIsClearedByTerminatingItsParent() throws Exception {
    try (Fixture f = Fixture.start("zombie", true)) {
      int zombie = f.pid("zombie");
      int parent = f.pid("parent");
      Fixture.awaitState(zombie, 'Z');
      Cli.Result r = clean("--mode", "forced", "--yes", "--grace", "2s",
          "--descendants-of", String.valueOf(f.reaperPid()), "--rule", "zombie");
      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode t = target(outcome(r), zombie);
      assertEquals("terminate-parent", t.get("action").asText());
      assertEquals(parent, t.at("/signals/0/pid").asInt());
      awaitGone(parent);
      for (int i = 0; i < 100 && Files.exists(Path.of("/proc/" + zombie)); i++) {
        Thread.sleep(50);
      }
      assertFalse(Files.exists(Path.of("/proc/" + zombie)), "the zombie was reaped");
    }
  }

  @Test
  void safeModeNeverTouchesAnotherUsersProcess() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "skipped: making another user's process needs root");
    try (Fixture f = Fixture.start("other-user-orphan", true)) {
      int o = f.pid("orphan");
      Cli.Result r = clean("--mode", "safe", "--yes", "--grace", "1s",
          "--rules", subreaperRules().toString(), "--match", f.marker());
      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode t = target(outcome(r), o);
      assertEquals("skipped", t.get("status").asText());
      assertEquals("other-user", t.get("reason").asText());
      assertEquals(0, t.get("signals").size());
      assertTrue(alive(o));
    }
  }

  @Test
  void protectedProcessIsNeverSignalled() throws Exception {
    try (Fixture f = Fixture.start("orphan", true)) {
      int o = f.pid("orphan");
      Path rules = dir.resolve("protect.yaml");
      Files.writeString(rules, "version: 1\nsubreapers: [psweep-reaper]\nprotect:\n"
          + "  cmdline_regex: ['" + f.marker() + "']\n");
      Cli.Result r = clean("--mode", "forced", "--yes", "--grace", "1s",
          "--rules", rules.toString(), "--match", f.marker());
      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode t = target(outcome(r), o);
      assertEquals("preserved", t.get("status").asText());
      assertEquals("protected", t.get("reason").asText());
      assertTrue(alive(o));
    }
  }

  @Test
  void withoutYesAndWithoutATerminalNothingIsSignalled() throws Exception {
    try (Fixture f = Fixture.start("orphan", true)) {
      int o = f.pid("orphan");
      Cli.Result r = Cli.run(dir, "clean", "--mode", "forced", "--sample", "0",
          "--rules", subreaperRules().toString(), "--match", f.marker(),
          "--audit", dir.resolve("audit.jsonl").toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("refusing to signal without --yes"), r.err());
      assertTrue(alive(o));
      assertEquals(List.of(), auditLines());
    }
  }

  @Test
  void dryRunSignalsNothing() throws Exception {
    try (Fixture f = Fixture.start("orphan", true)) {
      int o = f.pid("orphan");
      Cli.Result r = clean("--mode", "forced", "--dry-run",
          "--rules", subreaperRules().toString(), "--match", f.marker());
      assertEquals(0, r.code(), r.err());
      assertEquals("planned", target(outcome(r), o).get("status").asText());
      assertTrue(alive(o));
    }
  }

  @Test
  void savedPlanNeverSignalsAProcessThatTookTheTargetsPid() throws Exception {
    Path nsLastPid = Path.of("/proc/sys/kernel/ns_last_pid");
    assumeTrue("root".equals(System.getProperty("user.name")) && Files.isWritable(nsLastPid),
        "skipped: arranging pid reuse needs root and /proc/sys/kernel/ns_last_pid");
    Path plan = dir.resolve("plan.json");
    int target;
    try (Fixture f = Fixture.start("orphan", true)) {
      target = f.pid("orphan");
      Cli.Result p = Cli.run(dir, "plan", "--mode", "forced", "--sample", "0",
          "--rules", subreaperRules().toString(), "--match", f.marker(),
          "--output", plan.toString());
      assertEquals(0, p.code(), p.err());
      assertTrue(Files.readString(plan).contains("\"pid\": " + target), Files.readString(plan));
    } // the fixture and its orphan are killed and reaped here
    awaitGone(target);

    Process impostor = spawnWithPid(target, nsLastPid);
    try {
      Cli.Result r = clean("--plan", plan.toString(), "--yes",
          "--rules", subreaperRules().toString());
      JsonNode t = target(outcome(r), target);
      assertEquals("skipped", t.get("status").asText(), r.out());
      assertEquals("changed", t.get("reason").asText());
      assertTrue(impostor.isAlive(), "the process that reused the pid was not signalled");
      assertTrue(auditLines().stream().noneMatch(l -> l.contains("\"pid\":" + target)),
          String.join("\n", auditLines()));
    } finally {
      impostor.destroyForcibly();
      impostor.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Starts {@code sleep} with exactly this pid, by setting the kernel's last-pid counter. */
  private static Process spawnWithPid(int pid, Path nsLastPid) throws Exception {
    new ProcessBuilder("true").start().waitFor(); // the JVM's process reaper thread exists now
    for (int attempt = 0; attempt < 20; attempt++) {
      Files.writeString(nsLastPid, String.valueOf(pid - 1));
      Process p = new ProcessBuilder("sleep", "60").start();
      if (p.pid() == pid) {
        return p;
      }
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    throw new AssertionError("could not place a process on pid " + pid);
  }

  @Test
  void stalePidFilesAreRemovedAndARegisteredWorkerIsProtected() throws Exception {
    Path run = Files.createDirectories(dir.resolve(".run"));
    Path workers = Files.createDirectories(dir.resolve(".run/workers"));
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path dead = Files.writeString(run.resolve("dead.pid"), gone.pid() + "\n");
    try (Fixture reusedOwner = Fixture.start("live-parent", true);
        Fixture worker = Fixture.start("orphan", true)) {
      // A file written an hour before its pid's process started: the pid was reused.
      Path reused = Files.writeString(run.resolve("reused.pid"), reusedOwner.pid("child") + "\n");
      Files.setLastModifiedTime(reused, FileTime.from(Instant.now().minusSeconds(3600)));
      int w = worker.pid("orphan");
      Files.writeString(workers.resolve("api.pid"), w + "\n");
      Path rules = dir.resolve("pidfiles.yaml");
      Files.writeString(rules, "version: 1\nsubreapers: [psweep-reaper]\n"
          + "pidfiles: ['.run/*.pid']\nprotect:\n  pidfiles: ['.run/workers/*.pid']\n");

      Cli.Result r = clean("--mode", "forced", "--yes", "--grace", "1s",
          "--rules", rules.toString(), "--match", worker.marker());
      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode out = outcome(r);
      assertFalse(Files.exists(dead), "stale pid file (dead pid) removed");
      assertFalse(Files.exists(reused), "stale pid file (reused pid) removed");
      assertTrue(Files.exists(workers.resolve("api.pid")), "a live worker's pid file stays");
      assertTrue(alive(reusedOwner.pid("child")), "removing a pid file signals nothing");
      JsonNode wt = target(out, w);
      assertEquals("preserved", wt.get("status").asText());
      assertEquals("registered-worker", wt.get("reason").asText());
      assertTrue(alive(w), "a registered worker survives forced cleanup");
      Optional<JsonNode> removed = Optional.empty();
      for (JsonNode t : out.get("targets")) {
        if (t.get("pidfile").asText("").endsWith("dead.pid")) {
          removed = Optional.of(t);
        }
      }
      assertEquals("removed", removed.orElseThrow().get("status").asText());
    }
  }
}
