package io.procsweep.cleanup;

import static io.procsweep.cleanup.LiveRun.alive;
import static io.procsweep.cleanup.LiveRun.sentIn;
import static io.procsweep.cleanup.LiveRun.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Schemas;
import io.procsweep.testing.SystemTools;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGINT, SIGTERM or SIGHUP to a running {@code procsweep clean} (the one this test started,
 * by its pid): it stops before its next signal, thaws what it froze, records {@code
 * interrupted} in the audit log, prints the outcome and exits 130. The targets are two
 * TERM-ignoring orphans under forced mode with a 5 s grace: the first rung goes to both at once,
 * so the run is still waiting after it when the signal comes, and no second rung follows.
 */
@EnabledOnOs(OS.LINUX)
class InterruptTest {
  @TempDir Path dir;
  private LiveRun run;

  @BeforeEach
  void setUp() {
    run = new LiveRun(dir);
  }

  /** What an interrupted run left: exit code, outcome, and the orphans it was busy with. */
  private record Interrupted(int code, String out, JsonNode outcome, int first, int second) {}

  /** More checks, run while the fixtures still exist. */
  @FunctionalInterface
  private interface Check {
    void accept(Interrupted r) throws Exception;
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM", "HUP"})
  void anInterruptSignalsNothingMore(String signal) throws Exception {
    interrupt(signal, r -> { });
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM", "HUP"})
  void anInterruptExits130AndSkipsWhatIsLeftAsInterrupted(String signal) throws Exception {
    interrupt(signal, r -> {
      assertEquals(130, r.code(), r.out());
      assertTrue(r.outcome().get("interrupted").asBoolean(), r.out());
      for (int o : List.of(r.first(), r.second())) {
        JsonNode t = target(r.outcome(), o);
        assertEquals("skipped", t.get("status").asText(), r.out());
        assertEquals("interrupted", t.get("reason").asText(), r.out());
      }
    });
  }

  @Test
  void anInterruptIsRecordedInTheAuditLog() throws Exception {
    // A run-level note: kind "interrupted", and the signal that asked as its result.
    interrupt("INT", r -> assertTrue(run.auditEntries().stream()
        .anyMatch(e -> e.path("kind").asText().equals("interrupted")
            && e.path("result").asText().equals("SIGINT")),
        "no audit line says interrupted: " + run.auditText()));
  }

  @Test
  void anInterruptLeavesNothingStopped() throws Exception {
    // Whether the interrupt lands between the freeze and the SIGTERM+SIGCONT that follows is
    // a matter of timing; when it does, the thaw is all that lets the process go on.
    interrupt("INT", r -> {
      for (int o : List.of(r.first(), r.second())) {
        assertNotEquals('T', LiveRun.state(o).orElseThrow(), "pid " + o + " left stopped: "
            + run.auditText());
      }
    });
  }

  @Test
  void anInterruptedOutcomeMatchesTheSchema() throws Exception {
    interrupt("INT", r -> {
      assertEquals(130, r.code(), r.out());
      assertEquals(Set.of(), Schemas.validate(Schemas.OUTCOME, r.outcome()), r.out());
    });
  }

  /**
   * Starts {@code clean} against two TERM-ignoring orphans, sends it {@code signal} once the
   * audit log shows its first signal sent, and checks what must hold of any interrupted run:
   * it ends, prints an outcome, and signals nothing more (no second rung: at most one SIGTERM
   * each, nobody gets SIGKILL, every signal sent was announced in the audit log first).
   */
  private void interrupt(String signal, Check more) throws Exception {
    try (Fixture a = Fixture.start("stubborn-orphan", true);
        Fixture b = Fixture.start("stubborn-orphan", true)) {
      int pa = a.pid("orphan");
      int pb = b.pid("orphan");
      // The default disposition for the signals: one ignored by whoever started the test JVM
      // would be ignored by procsweep's JVM too, and the test would not test anything.
      List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT,TERM,HUP"));
      cmd.addAll(LiveRun.procsweepCommand("clean", "--mode", "forced", "--grace", "5s",
          "--yes", "--sample", "0", "--format", "json", "--audit", run.audit().toString(),
          "--rules", run.subreaperRules().toString(),
          "--match", a.marker() + "|" + b.marker()));
      Path outFile = dir.resolve("clean.out");
      Path errFile = dir.resolve("clean.err");
      Process p = new ProcessBuilder(cmd).directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
      try {
        awaitFirstSent(p);
        SystemTools.run("kill", "-s", signal, String.valueOf(p.pid()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "procsweep did not stop after SIG" + signal);
      } finally {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      String out = Files.readString(outFile, StandardCharsets.UTF_8);
      String err = Files.readString(errFile, StandardCharsets.UTF_8);

      assertFalse(err.contains("\tat "), "no stack trace: " + err);
      JsonNode doc = LiveRun.JSON.readTree(out);
      assertEquals("procsweep/outcome/v1", doc.path("schema").asText(), err + out);
      int first = Math.min(pa, pb);
      int second = Math.max(pa, pb);
      for (int o : List.of(first, second)) {
        assertNotEquals("terminated", target(doc, o).get("status").asText(), out);
        assertTrue(sentIn(doc, o).stream().filter("SIGTERM"::equals).count() <= 1, out);
        assertFalse(sentIn(doc, o).contains("SIGKILL"), out);
        assertFalse(run.auditedSignals(o, "intent").contains("SIGKILL"), run.auditText());
        assertTrue(run.auditedSignals(o, "intent").stream().filter("SIGTERM"::equals).count()
            <= 1, run.auditText());
      }
      assertIntentBeforeEverySignal(run.auditEntries());
      for (int o : List.of(first, second)) {
        assertTrue(alive(o), "pid " + o + " ended: the interrupt came before any SIGKILL");
      }
      more.accept(new Interrupted(p.exitValue(), out, doc, first, second));
    }
  }

  /** Polls the audit log until it records a signal sent: procsweep is mid-cleanup then. */
  private void awaitFirstSent(Process p) throws Exception {
    for (int i = 0; i < 3000 && p.isAlive(); i++) {
      for (JsonNode e : run.auditEntries()) {
        if (e.path("result").asText().equals("sent")) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("procsweep sent no signal: exit "
        + (p.isAlive() ? "none yet" : p.exitValue()) + ", audit: " + run.auditText()
        + Files.readString(dir.resolve("clean.err")));
  }

  /** Audit lines come in pairs: every signal sent was announced by an intent line first. */
  private static void assertIntentBeforeEverySignal(List<JsonNode> audit) {
    Map<String, Integer> open = new HashMap<>();
    for (JsonNode e : audit) {
      String key = e.at("/target/pid").asInt() + " " + e.path("signal").asText();
      String result = e.path("result").asText();
      if (e.path("phase").asText().equals("intent")) {
        open.merge(key, 1, Integer::sum);
      } else if (result.equals("sent")) {
        int n = open.getOrDefault(key, 0);
        assertTrue(n > 0, "signal sent without an intent line first: " + e);
        open.put(key, n - 1);
      }
    }
  }
}
