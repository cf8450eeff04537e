package io.procsweep.report;

import io.procsweep.testing.Schemas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotJsonWriterTest {

  private static String write() throws IOException {
    StringWriter out = new StringWriter();
    new SnapshotJsonWriter().write(ReportFixtures.snapshot(), "0.1.0-test", out);
    return out.toString();
  }

  @Test
  void headerBlocks() throws IOException {
    JsonNode doc = Schemas.parse(write());
    List<String> names = new ArrayList<>();
    doc.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("schema", "tool", "host", "takenAt", "backend", "processes", "listeners",
        "unreadable"), names);
    assertEquals("procsweep/snapshot/v1", doc.get("schema").asText());
    assertEquals("0.1.0-test", doc.at("/tool/version").asText());
    assertEquals("2025-03-01T11:59:59.600Z", doc.get("takenAt").asText());
    assertEquals("proc", doc.get("backend").asText());
    assertEquals("Debian GNU/Linux 12 (bookworm)", doc.at("/host/os").asText());
  }

  @Test
  void processesSortedByPidWithEveryField() throws IOException {
    JsonNode processes = Schemas.parse(write()).get("processes");
    List<Integer> pids = new ArrayList<>();
    processes.forEach(p -> pids.add(p.get("pid").asInt()));
    assertEquals(List.of(1, 2, 666, 2001, 4242, 31337), pids);

    JsonNode spin = processes.get(3);
    List<String> fields = new ArrayList<>();
    spin.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("pid", "ppid", "name", "exe", "cmdline", "user", "uid", "state",
        "startTime", "startTimeMs", "cpuUserMs", "cpuKernelMs", "rssBytes", "threads", "pgid",
        "sid", "tty", "cgroup", "kernelThread"), fields);
    assertEquals(1999, spin.get("ppid").asInt());
    assertEquals("/usr/local/bin/node", spin.get("exe").asText());
    assertEquals(10, spin.get("cmdline").size());
    assertEquals("alice", spin.get("user").asText());
    assertEquals(1000, spin.get("uid").asInt());
    assertEquals("running", spin.get("state").asText());
    assertEquals("2025-03-01T11:47:30.000Z", spin.get("startTime").asText());
    assertEquals(ReportFixtures.SPIN.startTimeMs(), spin.get("startTimeMs").asLong());
    assertEquals(700_000, spin.get("cpuUserMs").asLong());
    assertEquals(5_000, spin.get("cpuKernelMs").asLong());
    assertEquals(400_000_000L, spin.get("rssBytes").asLong());
    assertEquals(11, spin.get("threads").asInt());
    assertEquals(1999, spin.get("pgid").asInt());
    assertEquals(1990, spin.get("sid").asInt());
    assertEquals("pts/1", spin.get("tty").asText());
    assertEquals("/user.slice", spin.get("cgroup").asText());
    assertFalse(spin.get("kernelThread").asBoolean());

    JsonNode kthread = processes.get(1);
    assertTrue(kthread.get("kernelThread").asBoolean());
    assertTrue(kthread.get("exe").isNull());
    assertTrue(kthread.get("rssBytes").isNull());
    assertTrue(kthread.get("threads").isNull());
    assertTrue(kthread.get("tty").isNull());

    JsonNode uvicorn = processes.get(5);
    assertTrue(uvicorn.get("user").isNull());
    assertTrue(uvicorn.get("uid").isNull());
    // startTimeMs is exact, not rounded through the ISO form.
    assertEquals(ReportFixtures.UVICORN.startTimeMs(), uvicorn.get("startTimeMs").asLong());
    assertEquals(ReportFixtures.EVIL.name(), processes.get(2).get("name").asText());
  }

  @Test
  void listenersAndFailures() throws IOException {
    JsonNode doc = Schemas.parse(write());
    JsonNode listeners = doc.get("listeners");
    assertEquals(3, listeners.size());
    // Sorted by port.
    assertEquals(5173, listeners.at("/0/port").asInt());
    assertEquals("tcp6", listeners.at("/0/protocol").asText());
    assertEquals("::", listeners.at("/0/address").asText());
    assertTrue(listeners.at("/0/pid").isNull());
    assertEquals(918_300L, listeners.at("/0/inode").asLong());
    assertEquals(31337, listeners.at("/2/pid").asInt());
    assertTrue(listeners.at("/1/inode").isNull());

    JsonNode unreadable = doc.get("unreadable");
    assertEquals(777, unreadable.at("/0/pid").asInt());
    assertEquals("exe", unreadable.at("/0/what").asText());
    assertEquals("access denied", unreadable.at("/0/reason").asText());
  }

  @Test
  void outputMatchesTheSchema() throws IOException {
    String json = write();
    JsonReportWriterTest.assertStrictUtf8(json);
    assertTrue(json.endsWith("}\n"));
    assertEquals(Set.of(), Schemas.validate(Schemas.SNAPSHOT, json));
  }

  @Test
  void schemaRejectsBrokenDocuments() throws IOException {
    JsonNode good = Schemas.parse(write());

    ObjectNode missingPid = good.deepCopy();
    ((ObjectNode) missingPid.at("/listeners/0")).remove("pid");
    assertInvalid(missingPid);

    ObjectNode missingStartTimeMs = good.deepCopy();
    ((ObjectNode) missingStartTimeMs.at("/processes/0")).remove("startTimeMs");
    assertInvalid(missingStartTimeMs);

    ObjectNode badProtocol = good.deepCopy();
    ((ObjectNode) badProtocol.at("/listeners/0")).put("protocol", "sctp");
    assertInvalid(badProtocol);

    ObjectNode badPort = good.deepCopy();
    ((ObjectNode) badPort.at("/listeners/0")).put("port", 70000);
    assertInvalid(badPort);

    ObjectNode wrongSchema = good.deepCopy();
    wrongSchema.put("schema", "procsweep/report/v1");
    assertInvalid(wrongSchema);

    ObjectNode stringUid = good.deepCopy();
    ((ObjectNode) stringUid.at("/processes/0")).put("uid", "0");
    assertInvalid(stringUid);
  }

  @Test
  void schemaFileIsValidDraft202012() throws IOException {
    assertEquals(Set.of(), Schemas.validateSchemaFile(Schemas.SNAPSHOT));
  }

  private static void assertInvalid(JsonNode doc) throws IOException {
    Set<ValidationMessage> errors = Schemas.validate(Schemas.SNAPSHOT, doc);
    assertFalse(errors.isEmpty(), "expected schema errors for " + doc);
  }
}
