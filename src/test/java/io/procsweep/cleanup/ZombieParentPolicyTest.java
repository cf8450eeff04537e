package io.procsweep.cleanup;

import static io.procsweep.cleanup.LiveRun.alive;
import static io.procsweep.cleanup.LiveRun.awaitGone;
import static io.procsweep.cleanup.LiveRun.outcome;
import static io.procsweep.cleanup.LiveRun.sentIn;
import static io.procsweep.cleanup.LiveRun.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fresh plans against real zombies: the parent that gets the signals is judged by the same
 * policy as any target. Safe mode sends a zombie's parent one SIGTERM at most, whatever the
 * rule asks; forced mode never terminates a parent outside the scope the user gave.
 */
@EnabledOnOs(OS.LINUX)
class ZombieParentPolicyTest {
  @TempDir Path dir;
  private LiveRun run;

  @BeforeEach
  void setUp() {
    run = new LiveRun(dir);
  }

  @Test
  void safeModeSendsATermIgnoringParentOneSigtermAndNoSigkill() throws Exception {
    Path rules = run.file("terminate-parent.yaml", "version: 1\nsubreapers: [psweep-reaper]\n"
        + "rules:\n  - id: zombie-terminate-parent\n    category: zombie\n"
        + "    severity: critical\n"
        + "    description: a zombie whose safe cleanup terminates its parent\n"
        + "    when: { state: zombie }\n"
        + "    cleanup: { safe: terminate-parent, forced: terminate-parent }\n");
    try (Fixture f = Fixture.start("stubborn-zombie", true)) {
      int zombie = f.pid("zombie");
      int parent = f.pid("parent");
      Fixture.awaitState(zombie, 'Z');

      Cli.Result r = run.clean("--mode", "safe", "--yes", "--grace", "1s",
          "--rules", rules.toString(), "--descendants-of", String.valueOf(f.reaperPid()),
          "--rule", "zombie-terminate-parent");

      JsonNode out = outcome(r);
      JsonNode t = target(out, zombie);
      assertEquals("terminate-parent", t.get("action").asText(), out.toString());
      assertEquals(List.of("SIGTERM"), sentIn(out, parent), out.toString());
      assertEquals("survived", t.get("status").asText(), out.toString());
      assertEquals(4, r.code(), r.err() + r.out());
      assertEquals(List.of("SIGTERM"), run.auditedSignals(parent, "sent"), run.auditText());
      assertFalse(run.auditText().contains("SIGKILL"), run.auditText());
      assertFalse(run.auditText().contains("SIGSTOP"), run.auditText());
      assertTrue(alive(parent), "the TERM-ignoring parent survives safe mode");
    }
  }

  @Test
  void forcedModeLeavesAParentOutsideMatchAlone() throws Exception {
    try (Fixture f = Fixture.start("named-zombie", true)) {
      int zombie = f.pid("zombie");
      int parent = f.pid("parent");
      Fixture.awaitState(zombie, 'Z');
      // The zombie's own name; the parent's command line has the marker but not this.
      String token = "pz" + new StringBuilder(f.marker().substring(f.marker().length() - 12))
          .reverse();

      Cli.Result r = run.clean("--mode", "forced", "--yes", "--grace", "1s",
          "--descendants-of", String.valueOf(f.reaperPid()), "--rule", "zombie",
          "--match", token);

      assertOutOfScope(r, zombie, parent);
      assertScopeWasTheOnlyObstacle(f, zombie, parent);
    }
  }

  @Test
  void forcedModeLeavesAParentOfAnotherUserAlone() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "skipped: a zombie of another uid under a root parent needs root");
    try (Fixture f = Fixture.start("other-user-zombie", true)) {
      int zombie = f.pid("zombie");
      int parent = f.pid("parent");
      Fixture.awaitState(zombie, 'Z');

      Cli.Result r = run.clean("--mode", "forced", "--yes", "--grace", "1s",
          "--descendants-of", String.valueOf(f.reaperPid()), "--rule", "zombie",
          "--user", "65534");

      assertOutOfScope(r, zombie, parent);
      assertScopeWasTheOnlyObstacle(f, zombie, parent);
    }
  }

  private void assertOutOfScope(Cli.Result r, int zombie, int parent) throws Exception {
    JsonNode out = outcome(r);
    JsonNode t = target(out, zombie);
    assertEquals("skipped", t.get("status").asText(), out.toString());
    assertEquals("out-of-scope", t.get("reason").asText(), out.toString());
    assertEquals(List.of(), sentIn(out, parent), out.toString());
    assertEquals(List.of(), run.auditedSignals(parent, "intent"), run.auditText());
    assertEquals(List.of(), run.auditedSignals(parent, "sent"), run.auditText());
    assertTrue(alive(parent), "the parent outside the scope was ended");
    assertEquals('Z', LiveRun.state(zombie).orElseThrow(), "the zombie is still there");
  }

  /**
   * The same zombie with the parent in scope is cleaned up: what kept the parent alive above
   * was the scope, not a fixture that forced mode would not touch anyway.
   */
  private void assertScopeWasTheOnlyObstacle(Fixture f, int zombie, int parent)
      throws Exception {
    Cli.Result r = run.clean("--mode", "forced", "--yes", "--grace", "1s",
        "--descendants-of", String.valueOf(f.reaperPid()), "--rule", "zombie");
    JsonNode out = outcome(r);
    assertEquals("terminated", target(out, zombie).get("status").asText(), out.toString());
    assertEquals("SIGTERM", sentIn(out, parent).get(0), out.toString());
    awaitGone(parent);
  }
}
