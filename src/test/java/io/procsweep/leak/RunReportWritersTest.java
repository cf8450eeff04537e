package io.procsweep.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.testing.Schemas;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunReportWritersTest {
  private static final Instant T = Instant.parse("2026-12-02T12:00:00Z");

  private static RunReport report() {
    ProcessInfo server = new ProcessInfo(4242, 4100, "node", "/usr/bin/node",
        List.of("node", "server.js", "--title=\u001b[31mred"), "ci", 1001, ProcState.SLEEPING,
        T.toEpochMilli(), 0, 0, 1L, 1, 4242, 4242, null, null, false);
    Leak leak = new Leak(server, true, true,
        List.of(new Listener("tcp", "127.0.0.1", 5173, 4242, 99L)), 2);
    LeakGuard.Result run = new LeakGuard.Result(new RunId("ab12"), List.of("npm", "test"), 0,
        true, 4, List.of(leak), T, T.plusSeconds(3));
    return new RunReport(run, List.of(leak), true, Map.of(4242, "terminated"), Optional.of(0));
  }

  @Test
  void jsonMatchesTheSchemaWithPortsAndCleanup() throws Exception {
    StringWriter w = new StringWriter();
    new RunJsonWriter().write(report(), w);
    assertEquals(List.of(), List.copyOf(Schemas.validate("run-v1.schema.json", w.toString())));
    JsonNode l = Schemas.parse(w.toString()).get("leaks").get(0);
    assertEquals(5173, l.get("listening").get(0).get("port").asInt());
    assertEquals("terminated", l.get("cleanup").asText());
    assertEquals(2, l.get("round").asInt());
    assertFalse(w.toString().contains("\u001b"), "control characters are escaped");
  }

  @Test
  void schemaFileIsValidDraft2020() throws Exception {
    assertEquals(List.of(), List.copyOf(Schemas.validateSchemaFile("run-v1.schema.json")));
  }

  @Test
  void tableEscapesCommandLinesAndSaysWhatHappened() throws Exception {
    StringWriter w = new StringWriter();
    new RunTable(200).write(report(), w);
    String out = w.toString();
    assertFalse(out.contains("\u001b"), out);
    assertTrue(out.contains("4242") && out.contains("tcp/5173") && out.contains("adopted+marked r2")
        && out.contains("terminated"), out);
    assertTrue(out.endsWith("command exited 0; 1 process leaked (4 sweep passes); all ended\n"),
        out);
  }

  @Test
  void runTableFits80ColumnsAndColorsTheCleanupOnlyWhenAsked() throws Exception {
    StringWriter plain = new StringWriter();
    new RunTable(new io.procsweep.report.TableOptions(80, false)).write(report(), plain);
    for (String line : plain.toString().split("\n")) {
      assertTrue(line.length() <= 80, line);
    }
    assertTrue(plain.toString().contains(" tcp/5173 "), plain.toString());
    assertTrue(plain.toString().matches("(?s).* \\d\\d:\\d\\d:\\d\\dZ .*"), "STARTED: " + plain);
    StringWriter colored = new StringWriter();
    new RunTable(new io.procsweep.report.TableOptions(80, true)).write(report(), colored);
    assertTrue(colored.toString().contains("\u001b[32mterminated\u001b[0m"), colored.toString());
    assertEquals(plain.toString(), colored.toString().replaceAll("\u001b\\[[0-9;]*m", ""));
  }
}
