package io.procsweep.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.procfs.ProcEnviron;
import io.procsweep.procfs.ProcReader;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code procsweep run} as its own process around real commands that leak real processes
 * (issue 8, acceptance 1). Every leak carries {@code RUN_TEST_TAG=<uuid>} in its environment
 * (kept even where the run's own marker is cleared), so whatever a failed test leaves is found
 * and ended in {@link #endTagged}, by pid, and nothing else is.
 */
class RunCliTest {
  @TempDir Path dir;

  private final String tag = UUID.randomUUID().toString();

  private static boolean linux() {
    return System.getProperty("os.name").toLowerCase().contains("linux");
  }

  private Path report() {
    return dir.resolve("run.json");
  }

  /** Runs procsweep run with the report in a file (stdout belongs to the command). */
  private Cli.Result run(String script, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "--format", "json", "--output",
        report().toString(), "--audit", dir.resolve("audit.jsonl").toString()));
    args.addAll(List.of(options));
    args.addAll(List.of("--", "bash", "-c", "export RUN_TEST_TAG=" + tag + "; " + script));
    return Cli.run(dir, args.toArray(String[]::new));
  }

  private JsonNode leaks() throws IOException {
    String json = Files.readString(report(), StandardCharsets.UTF_8);
    assertEquals(List.of(), List.copyOf(Schemas.validate("run-v1.schema.json", json)), json);
    return Schemas.parse(json).get("leaks");
  }

  private static Optional<JsonNode> leak(JsonNode leaks, String... cmdline) {
    for (JsonNode l : leaks) {
      List<String> args = new ArrayList<>();
      l.get("cmdline").forEach(a -> args.add(a.asText()));
      if (args.equals(List.of(cmdline))) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  private static boolean alive(JsonNode leak) {
    return ProcessHandle.of(leak.get("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
  }

  @AfterEach
  void endTagged() throws InterruptedException {
    if (!linux()) {
      return;
    }
    ProcReader reader = new ProcReader();
    List<ProcessHandle> ours = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(p -> {
      try {
        if (ProcEnviron.read(reader, (int) p.pid(), "RUN_TEST_TAG").filter(tag::equals)
            .isPresent()) {
          ours.add(p);
        }
      } catch (IOException e) {
        // gone, or not readable: not one of ours
      }
    });
    ours.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : ours) {
      p.onExit().orTimeout(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void backgroundedSleepIsReportedAndFailsTheGate() throws Exception {
    Cli.Result r = run("echo from-the-command; sleep 300 & exit 0", "--fail-on-leak");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("from-the-command"), "stdout is passed through: " + r.out());
    JsonNode leaks = leaks();
    JsonNode sleep = leak(leaks, "sleep", "300").orElseThrow(() -> new AssertionError(leaks));
    assertTrue(alive(sleep), "reported, not ended: " + sleep);
    assertTrue(sleep.get("marked").asBoolean());
    assertTrue(r.err().contains("leaked pid " + sleep.get("pid").asInt()), r.err());
    assertEquals(1, leaks.size(), leaks.toString());
  }

  @Test
  void withoutFailOnLeakALeakStillExitsZero() throws Exception {
    Cli.Result r = run("sleep 300 & exit 0");
    assertEquals(0, r.code(), r.err());
    assertEquals(1, leaks().size());
  }

  @Test
  void doubleForkedSetsidWithItsMarkerClearedIsAdopted() throws Exception {
    assumeTrue(linux(), "the subreaper is Linux's");
    // The subshell forks setsid and exits at once: the sleep is an orphan in its own session,
    // and env -i removed PROCSWEEP_RUN_ID, so only adoption can find it.
    Cli.Result r = run("(env -i RUN_TEST_TAG=" + tag + " setsid sleep 301 &); exit 0",
        "--fail-on-leak");
    assertEquals(1, r.code(), r.err());
    JsonNode sleep = leak(leaks(), "sleep", "301").orElseThrow(AssertionError::new);
    assertTrue(sleep.get("adopted").asBoolean(), sleep.toString());
    assertFalse(sleep.get("marked").asBoolean(), sleep.toString());
  }

  @Test
  void aLeakSpawnedWhileTheSweepRunsIsCaught() throws Exception {
    // The command is long gone when the leaked subshell starts its child.
    Cli.Result r = run("(sleep 0.5; sleep 302) & exit 0", "--fail-on-leak", "--grace", "3s");
    assertEquals(1, r.code(), r.err());
    JsonNode leaks = leaks();
    assertTrue(leak(leaks, "sleep", "302").isPresent(), leaks.toString());
  }

  @Test
  void killLeakedEndsThemAllAfterReportingThem() throws Exception {
    Cli.Result r = run("sleep 300 & (setsid bash -c 'sleep 0.5; sleep 303 & sleep 304' &); exit 0",
        "--fail-on-leak", "--kill-leaked", "--grace", "2s");
    assertEquals(1, r.code(), r.err());
    JsonNode leaks = leaks();
    String audit = Files.readString(dir.resolve("audit.jsonl"));
    for (String[] cmd : List.of(new String[] {"sleep", "300"}, new String[] {"sleep", "303"},
        new String[] {"sleep", "304"})) {
      JsonNode l = leak(leaks, cmd).orElseThrow(() -> new AssertionError(leaks));
      assertFalse(alive(l), "ended: " + l);
      assertEquals("terminated", l.get("cleanup").asText(), l.toString());
      assertTrue(r.err().contains("leaked pid " + l.get("pid").asInt()), r.err());
      // Ended through cleanup: every signal is in its audit log.
      assertTrue(audit.matches("(?s).*\"pid\": ?" + l.get("pid").asInt() + "\\b.*"), audit);
    }
  }

  @Test
  void adoptedZombiesAreReapedWhileTheCommandRuns() throws Exception {
    assumeTrue(linux(), "the subreaper is Linux's");
    // The orphaned sleep comes back to procsweep and exits; the command waits (bounded) for its
    // /proc entry to go, which only a wait by procsweep does: exit 0 when reaped, 5 if not.
    Cli.Result r = run("(sleep 0.2 & echo $! > z.pid); z=$(cat z.pid);"
        + " for i in $(seq 200); do [ -e /proc/$z ] || exit 0; sleep 0.05; done; exit 5");
    assertEquals(0, r.code(), r.err());
    assertEquals(0, leaks().size());
  }

  @Test
  void aCommandThatLeaksNothingExitsZero() throws Exception {
    Cli.Result r = run("sleep 0.2 & wait; exit 0", "--fail-on-leak");
    assertEquals(0, r.code(), r.err());
    assertEquals(0, leaks().size());
  }

  @Test
  void theCommandMayFollowWithoutDashesAndAMissingOneIsOneSentence() throws Exception {
    Cli.Result r = Cli.run(dir, "run", "--format", "table", "bash", "-c", "exit 0");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("no process leaked"), r.out());
    Cli.Result missing = Cli.run(dir, "run", "--", "/nonexistent/" + tag);
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().startsWith("procsweep: cannot run '/nonexistent/"), missing.err());
  }

  @Test
  void theCommandsOwnFailureWins() throws Exception {
    Cli.Result r = run("sleep 300 & exit 3", "--fail-on-leak");
    assertEquals(3, r.code(), r.err());
    assertEquals(3, Schemas.parse(Files.readString(report())).get("exitCode").asInt());
    assertEquals(1, leaks().size());
  }
}
