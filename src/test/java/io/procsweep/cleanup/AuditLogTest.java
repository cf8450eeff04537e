package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.platform.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final Instant T = Instant.parse("2026-11-21T12:00:01.250Z");

  @Test
  void appendsOneJsonLinePerEntryAndKeepsEarlierRuns(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reports/audit.jsonl"); // parent created on open
    try (AuditLog log = AuditLog.open(file)) {
      log.append(new AuditEntry(T, Mode.FORCED, "kill-tree", 5001, 1_700_000_000_123L,
          "worker", Signal.TERM, "sent", "pidfd", null));
    }
    try (AuditLog log = AuditLog.open(file)) {
      log.append(new AuditEntry(T, Mode.SAFE, "remove-pidfile", 31999, null, null, null,
          "removed", "unlink", "/run/app.pid: deleted (stale-dead)"));
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    assertEquals("{\"time\":\"2026-11-21T12:00:01.250Z\",\"mode\":\"forced\",\"action\":"
        + "\"kill-tree\",\"target\":{\"pid\":5001,\"startTime\":\"2023-11-14T22:13:20.123Z\","
        + "\"name\":\"worker\"},\"signal\":\"SIGTERM\",\"result\":\"sent\",\"mechanism\":"
        + "\"pidfd\",\"message\":null}", lines.get(0));
    JsonNode second = Schemas.parse(lines.get(1));
    assertTrue(second.at("/target/startTime").isNull());
    assertTrue(second.get("signal").isNull());
    assertEquals("removed", second.get("result").asText());
  }

  @Test
  void linesCannotBeSplitOrSteeredByAProcessName() throws Exception {
    String line = JsonlAuditLog.line(new AuditEntry(T, Mode.SAFE, "terminate", 66, 0L,
        "evil\n\u001b[2J\u202E", Signal.TERM, "sent", "kill", null));
    assertEquals(1, line.split("\n", -1).length - 1, "exactly one line end");
    assertFalse(line.contains("\u001b"));
    assertFalse(line.contains("\u202E"));
    assertEquals("evil\n\u001b[2J\u202E", Schemas.parse(line).at("/target/name").asText());
  }

  @Test
  void executorWritesEverySignalToTheFile(@TempDir Path dir) throws Exception {
    FakeControl control = new FakeControl();
    Target t = Target.of(Fixtures.proc(5000, 1, "uvicorn"));
    control.add(t).diesOn(Signal.KILL);
    FakeClock clock = new FakeClock(Fixtures.NOW);
    Path file = dir.resolve("audit.jsonl");
    Plan plan = new Plan(Mode.FORCED, Fixtures.NOW, Fixtures.GRACE, "h", "linux", List.of(
        new Terminate(t, new Cause("r", "orphan", io.procsweep.rules.Severity.LOW),
            io.procsweep.cleanup.Escalation.terminate(Mode.FORCED, Fixtures.GRACE, false),
            null)));
    try (AuditLog log = AuditLog.open(file)) {
      Fixtures.execute(plan, control, log, clock, clock.sleeper());
    }
    List<String> lines = Files.readAllLines(file);
    List<String> signals = new java.util.ArrayList<>();
    List<String> intents = new java.util.ArrayList<>();
    for (String l : lines) {
      var json = Schemas.parse(l);
      (json.get("result").asText().equals("intent") ? intents : signals)
          .add(json.get("signal").asText());
    }
    assertEquals(List.of("SIGTERM", "SIGTERM", "SIGKILL"), signals);
    assertEquals(signals, intents, "each signal's intent was written before it");
  }
}
