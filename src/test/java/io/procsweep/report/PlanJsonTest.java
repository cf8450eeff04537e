package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.cleanup.CleanupSamples;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.PlanFormatException;
import io.procsweep.cleanup.PlanJsonReader;
import io.procsweep.testing.Schemas;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanJsonTest {

  private static String write(Plan plan) throws IOException {
    StringWriter out = new StringWriter();
    new PlanJsonWriter().write(plan, out);
    return out.toString();
  }

  private static Plan read(String json) throws Exception {
    return new PlanJsonReader().read(new StringReader(json), "plan.json");
  }

  @Test
  void samplePlansCoverEveryActionKind() {
    Set<String> kinds = new java.util.TreeSet<>();
    for (Mode m : Mode.values()) {
      CleanupSamples.plan(m).actions().forEach(a -> kinds.add(a.getClass().getSimpleName()));
    }
    assertEquals(Set.of("Keep", "KeepPidfile", "KillTree", "RemovePidfile", "SignalParent",
        "Terminate", "TerminateParent"), kinds);
  }

  @Test
  void roundTripIsExact() throws Exception {
    for (Mode m : Mode.values()) {
      Plan plan = CleanupSamples.plan(m);
      Plan back = read(write(plan));
      assertEquals(plan, back);
      assertEquals(write(plan), write(back));
    }
  }

  @Test
  void roundTripThroughAFile(@TempDir Path dir) throws Exception {
    Plan plan = CleanupSamples.plan(Mode.FORCED);
    Path file = dir.resolve("plans/plan.json");
    AtomicFiles.write(file, w -> new PlanJsonWriter().write(plan, w));
    assertEquals(plan, new PlanJsonReader().read(file));
  }

  @Test
  void writtenPlansMatchTheSchema() throws IOException {
    assertEquals(Set.of(), Schemas.validateSchemaFile(Schemas.PLAN));
    for (Mode m : Mode.values()) {
      assertEquals(Set.of(), Schemas.validate(Schemas.PLAN, write(CleanupSamples.plan(m))));
    }
  }

  @Test
  void shape() throws IOException {
    JsonNode doc = Schemas.parse(write(CleanupSamples.plan(Mode.FORCED)));
    assertEquals("procsweep/plan/v1", doc.get("schema").asText());
    assertEquals("forced", doc.get("mode").asText());
    assertEquals("2026-11-21T12:00:00.000Z", doc.get("createdAt").asText());
    assertEquals(5000, doc.get("graceMs").asLong());
    assertEquals("testhost", doc.get("host").asText());
    JsonNode tree = doc.at("/actions/3");
    assertEquals("kill-tree", tree.get("action").asText());
    assertEquals(5000, tree.at("/target/pid").asInt());
    assertTrue(tree.at("/target/startTime").asText().endsWith("Z"));
    assertEquals(List.of(5001, 5000), List.of(tree.at("/processes/0/pid").asInt(),
        tree.at("/processes/1/pid").asInt()));
    assertEquals("protected", tree.at("/excluded/0/reason").asText());
    assertEquals("SIGTERM", tree.at("/steps/0/signal").asText());
    assertEquals("SIGKILL", tree.at("/steps/2/signal").asText());
    assertEquals("orphan", tree.at("/finding/rule").asText());
    assertEquals("high", tree.at("/finding/severity").asText());
    JsonNode initKeep = doc.at("/actions/0");
    assertEquals("none", initKeep.get("action").asText());
    assertEquals("init", initKeep.get("reason").asText());
  }

  @Test
  void processNamesCannotDriveATerminal() throws IOException {
    String json = write(CleanupSamples.plan(Mode.FORCED));
    assertFalse(json.contains("\u001b"), json);
    assertFalse(json.contains("\u202E"), json);
    assertTrue(json.contains("evil\\u001B]0;pwned\\u0007\\n\\u202Eexe"), json);
  }

  @Test
  void unknownSchemaIsRejectedInOneSentence() {
    PlanFormatException e = assertThrows(PlanFormatException.class,
        () -> read("{\"schema\": \"procsweep/plan/v2\", \"actions\": []}"));
    assertEquals("plan.json: not a plan this procsweep can carry out (schema "
        + "\"procsweep/plan/v2\", expected \"procsweep/plan/v1\").", e.getMessage());
    PlanFormatException report = assertThrows(PlanFormatException.class,
        () -> read("{\"schema\": \"procsweep/report/v1\"}"));
    assertTrue(report.getMessage().contains("\"procsweep/report/v1\""), report.getMessage());
    PlanFormatException none = assertThrows(PlanFormatException.class, () -> read("[]"));
    assertEquals("plan.json: not a procsweep plan (expected a JSON object).", none.getMessage());
    PlanFormatException broken = assertThrows(PlanFormatException.class, () -> read("{\"a\":"));
    assertTrue(broken.getMessage().startsWith("plan.json: not valid JSON (line 1"),
        broken.getMessage());
  }

  @Test
  void missingOrWrongIdentityFieldsAreRejectedWithTheirPath() throws Exception {
    String json = write(CleanupSamples.plan(Mode.FORCED));
    String noStart = json.replaceFirst("\"startTimeMs\": -?[0-9]+", "\"startTimeMs\": \"x\"");
    PlanFormatException e = assertThrows(PlanFormatException.class, () -> read(noStart));
    assertEquals("plan.json: actions[0].target.startTimeMs: expected an integer.",
        e.getMessage());
    String badSignal = json.replaceFirst("\"SIGTERM\"", "\"SIGHUP\"");
    e = assertThrows(PlanFormatException.class, () -> read(badSignal));
    assertTrue(e.getMessage().endsWith(".steps[0].signal: expected SIGTERM, SIGKILL or SIGCHLD."),
        e.getMessage());
    String badKind = json.replaceFirst("\"kill-tree\"", "\"nuke\"");
    e = assertThrows(PlanFormatException.class, () -> read(badKind));
    assertTrue(e.getMessage().endsWith(".action: unknown action \"nuke\"."), e.getMessage());
  }

  @Test
  void killTreeMustEndWithItsTarget() throws Exception {
    String json = write(CleanupSamples.plan(Mode.FORCED));
    JsonNode doc = Schemas.parse(json);
    com.fasterxml.jackson.databind.node.ArrayNode processes =
        (com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/actions/3/processes");
    processes.remove(1);
    PlanFormatException e = assertThrows(PlanFormatException.class,
        () -> read(doc.toString()));
    assertEquals("plan.json: actions[3]: a kill-tree ends with its target, pid 5000.",
        e.getMessage());
  }

  @Test
  void unknownFieldsDuplicateKeysAndMissingHostAreRefused(@TempDir Path dir) throws Exception {
    String json = write(CleanupSamples.plan(Mode.SAFE));
    Path f = Files.writeString(dir.resolve("p.json"), json.replaceFirst("\\{",
        "{\"comment\": \"hand-added\","));
    PlanFormatException e = assertThrows(PlanFormatException.class,
        () -> new PlanJsonReader().read(f));
    assertTrue(e.getMessage().endsWith("comment: unknown field."), e.getMessage());
    // A second "mode" after the first: Jackson would keep the last one, turning safe to forced.
    String twice = json.replaceFirst("\"mode\": \"safe\",",
        "\"mode\": \"safe\", \"mode\": \"forced\",");
    e = assertThrows(PlanFormatException.class, () -> read(twice));
    assertTrue(e.getMessage().contains("a key appears twice"), e.getMessage());
    String noHost = json.replaceFirst("\"host\": \"[^\"]*\",", "");
    e = assertThrows(PlanFormatException.class, () -> read(noHost));
    assertTrue(e.getMessage().endsWith("host: expected a string."), e.getMessage());
  }

  @Test
  void overDeepAndOverSizedPlansAreRefusedWithASentence(@TempDir Path dir) throws Exception {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    PlanFormatException e = assertThrows(PlanFormatException.class, () -> read(deep));
    assertTrue(e.getMessage().startsWith("plan.json: "), e.getMessage());
    Path big = dir.resolve("big.json");
    Files.write(big, new byte[PlanJsonReader.MAX_BYTES + 1]);
    e = assertThrows(PlanFormatException.class, () -> new PlanJsonReader().read(big));
    assertTrue(e.getMessage().contains("larger than 4 MiB"), e.getMessage());
  }

  @Test
  @org.junit.jupiter.api.Timeout(30) // a hang guard: opening a FIFO must not wait for a writer
  void aFifoAsPlanIsRefusedWithoutWaiting(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("plan.json");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is needed");
    PlanFormatException e = assertThrows(PlanFormatException.class,
        () -> new PlanJsonReader().read(fifo));
    assertTrue(e.getMessage().endsWith("not a regular file (fifo)."), e.getMessage());
  }
}
