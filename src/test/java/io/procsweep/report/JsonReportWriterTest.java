package io.procsweep.report;

import io.procsweep.testing.Schemas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {

  private static String write(Report report) throws IOException {
    StringWriter out = new StringWriter();
    new JsonReportWriter().write(report, out);
    return out.toString();
  }

  @Test
  void topLevelBlocksInDesignOrder() throws IOException {
    JsonNode doc = Schemas.parse(write(ReportFixtures.report()));
    List<String> names = new ArrayList<>();
    doc.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of("schema", "tool", "host", "scan", "summary", "findings", "unreadable"), names);
    assertEquals("procsweep/report/v2", doc.get("schema").asText());
    assertEquals("procsweep", doc.at("/tool/name").asText());
    assertEquals("0.1.0-test", doc.at("/tool/version").asText());
  }

  @Test
  void hostAndScan() throws IOException {
    JsonNode doc = Schemas.parse(write(ReportFixtures.report()));
    assertEquals("build-07", doc.at("/host/hostname").asText());
    assertEquals("6.1.0-31-amd64", doc.at("/host/kernel").asText());
    assertEquals("2025-02-20T08:30:00.000Z", doc.at("/host/bootTime").asText());
    assertEquals(8, doc.at("/host/cpus").asInt());
    // Sub-millisecond digits are dropped: every timestamp has the same shape.
    assertEquals("2025-03-01T11:59:59.500Z", doc.at("/scan/startedAt").asText());
    assertEquals(412, doc.at("/scan/durationMs").asLong());
    assertEquals(500, doc.at("/scan/sampleMs").asLong());
    assertEquals("proc", doc.at("/scan/backend").asText());
    assertEquals(6, doc.at("/scan/processes").asInt());
    assertEquals(3, doc.at("/scan/listeners").asInt());
    assertEquals("builtin:rules/default.yaml", doc.at("/scan/ruleSets/0/source").asText());
    assertEquals(ReportFixtures.SHA_DEV, doc.at("/scan/ruleSets/1/sha256").asText());
  }

  @Test
  void summaryCountsEverySeverityInOrderAndSortsCategories() throws IOException {
    JsonNode doc = Schemas.parse(write(ReportFixtures.report()));
    assertEquals(4, doc.at("/summary/findings").asInt());
    JsonNode bySeverity = doc.at("/summary/bySeverity");
    List<String> order = new ArrayList<>();
    bySeverity.fieldNames().forEachRemaining(order::add);
    assertEquals(List.of("info", "low", "medium", "high", "critical"), order);
    assertEquals(0, bySeverity.get("info").asInt());
    assertEquals(1, bySeverity.get("low").asInt());
    assertEquals(2, bySeverity.get("medium").asInt());
    assertEquals(1, bySeverity.get("high").asInt());
    assertEquals(0, bySeverity.get("critical").asInt());

    List<String> categories = new ArrayList<>();
    doc.at("/summary/byCategory").fieldNames().forEachRemaining(categories::add);
    assertEquals(List.of("custom", "hung", "orphan", "zombie"), categories);
    assertEquals("high", doc.at("/summary/gate/failOn").asText());
    assertTrue(doc.at("/summary/gate/failed").asBoolean());
  }

  @Test
  void byRuleCountsEveryMatchedRuleNotOnlyTheLeadingOne() throws IOException {
    JsonNode byRule = Schemas.parse(write(ReportFixtures.report())).at("/summary/byRule");
    List<String> ids = new ArrayList<>();
    byRule.fieldNames().forEachRemaining(ids::add);
    assertEquals(List.of("hung-cpu", "orphan-lost-session", "orphaned-dev-server",
        "suspicious-name", "zombie"), ids);
    assertEquals(1, byRule.get("orphan-lost-session").asInt());
  }

  @Test
  void oneFindingListsEveryRuleItMatchedLeadingRuleFirst() throws IOException {
    JsonNode uvicorn = Schemas.parse(write(ReportFixtures.report())).at("/findings/2");
    assertEquals("orphaned-dev-server", uvicorn.get("rule").asText());
    JsonNode rules = uvicorn.get("rules");
    assertEquals(2, rules.size());
    assertEquals("orphaned-dev-server", rules.at("/0/id").asText());
    assertEquals(uvicorn.get("message").asText(), rules.at("/0/message").asText());
    assertEquals("orphan-lost-session", rules.at("/1/id").asText());
    assertEquals("orphan", rules.at("/1/category").asText());
    assertEquals("medium", rules.at("/1/severity").asText());
    assertEquals("reparented, and the leader of the session that started it has exited",
        rules.at("/1/message").asText());
    List<String> keys = new ArrayList<>();
    uvicorn.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("rule", "category", "severity", "message", "rules", "firstSeen",
        "process", "context", "evidence", "cleanup"), keys);
    // A single-rule finding lists its one rule too.
    assertEquals(1, Schemas.parse(write(ReportFixtures.report())).at("/findings/0/rules").size());
  }

  @Test
  void firstSeenIsTheFindingsOwnOrElseTheScanStart() throws IOException {
    Report base = ReportFixtures.report();
    // Built by hand, no first sighting recorded: the scan's start.
    assertEquals("2025-03-01T11:59:59.500Z",
        Schemas.parse(write(base)).at("/findings/0/firstSeen").asText());
    List<Finding> seen = new ArrayList<>(base.result().findings());
    seen.set(0, seen.get(0).withFirstSeen(Instant.parse("2025-02-28T06:00:00.250Z")));
    Report withState = new Report(base.toolVersion(), base.result().withFindings(seen),
        base.failOn(), base.gateFailed());
    String json = write(withState);
    assertEquals("2025-02-28T06:00:00.250Z",
        Schemas.parse(json).at("/findings/0/firstSeen").asText());
    assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, json));
  }

  @Test
  void contextCarriesPortsHoldersCwdSessionAndContainer() throws IOException {
    JsonNode doc = Schemas.parse(write(ReportFixtures.report()));
    JsonNode c = doc.at("/findings/2/context");
    assertEquals("[8000]", c.get("listeningPorts").toString());
    assertEquals("[8000,8001]", c.get("treeListeningPorts").toString());
    assertEquals("[31337,31340]", c.get("listenerHolders").toString());
    assertEquals("/home/alice/api\u001b[2J", c.get("cwd").asText());
    assertEquals(30990, c.at("/session/id").asLong());
    assertFalse(c.at("/session/leaderAlive").asBoolean());
    assertTrue(c.at("/session/leaderAlive").isBoolean());
    assertTrue(c.get("container").isNull());
    // Unknown is null, never dropped: a finding built without facts has every key.
    JsonNode none = doc.at("/findings/0/context");
    for (String key : List.of("listeningPorts", "treeListeningPorts", "listenerHolders", "cwd",
        "container")) {
      assertTrue(none.has(key) && none.get(key).isNull(), key + " in " + none);
    }
    assertTrue(none.at("/session/id").isNull());
  }

  @Test
  void gateOffIsNull() throws IOException {
    JsonNode doc = Schemas.parse(write(ReportFixtures.emptyReport()));
    assertTrue(doc.at("/summary/gate/failOn").isNull());
    assertFalse(doc.at("/summary/gate/failed").asBoolean());
    assertEquals(0, doc.at("/findings").size());
    assertEquals(0, doc.at("/summary/byCategory").size());
  }

  @Test
  void findingProcessFields() throws IOException {
    JsonNode doc = Schemas.parse(write(ReportFixtures.report()));
    JsonNode zombie = doc.at("/findings/0");
    assertEquals("zombie", zombie.get("rule").asText());
    assertEquals("high", zombie.get("severity").asText());
    assertEquals("exited but not reaped by its parent", zombie.get("message").asText());
    JsonNode p = zombie.get("process");
    assertEquals(4242, p.get("pid").asInt());
    assertEquals(4100, p.get("ppid").asInt());
    assertTrue(p.get("exe").isNull());
    assertTrue(p.get("cmdline").isArray());
    assertEquals(0, p.get("cmdline").size());
    assertEquals("zombie", p.get("state").asText());
    assertEquals("2025-02-27T11:59:55.000Z", p.get("startTime").asText());
    assertEquals(172_805, p.get("ageSeconds").asLong());
    assertEquals("signal-parent", zombie.at("/cleanup/safe").asText());
    assertEquals("terminate-parent", zombie.at("/cleanup/forced").asText());

    JsonNode uvicorn = doc.at("/findings/2/process");
    assertTrue(uvicorn.get("user").isNull());
    assertTrue(uvicorn.get("uid").isNull());
    assertEquals("--port", uvicorn.at("/cmdline/4").asText());
    // Millisecond precision survives (start times tell pid reuse apart).
    assertEquals("2025-03-01T08:57:55.007Z", uvicorn.get("startTime").asText());
    assertEquals("none", doc.at("/findings/3/cleanup/safe").asText());
  }

  @Test
  void evidenceTypes() throws IOException {
    JsonNode doc = Schemas.parse(write(ReportFixtures.report()));
    JsonNode zombie = doc.at("/findings/0/evidence");
    assertTrue(zombie.get("state").isTextual());
    assertTrue(zombie.get("age_seconds").isIntegralNumber());
    assertEquals(172_805L, zombie.get("age_seconds").asLong());
    assertTrue(zombie.get("parent_alive").isBoolean());
    assertTrue(zombie.has("state_seconds"));
    assertTrue(zombie.get("state_seconds").isNull());
    // Insertion order (the rule's order of facts) is kept.
    List<String> keys = new ArrayList<>();
    zombie.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("state", "age_seconds", "parent_alive", "state_seconds"), keys);

    JsonNode orphan = doc.at("/findings/2/evidence");
    assertEquals(8000, orphan.at("/listening_ports/0").asInt());
    assertEquals("uvicorn", orphan.at("/args/2").asText());

    JsonNode evil = doc.at("/findings/3/evidence/mixed");
    assertEquals("[1,2.5,\"x\",null,false]", evil.toString());
  }

  @Test
  void doublesAreRoundedToTwoDecimals() throws IOException {
    String json = write(ReportFixtures.report());
    assertTrue(json.contains("\"cpu_percent\": 99.46,"), json);
    assertTrue(json.contains("\"cpu_lifetime_percent\": 12,"), json);
    assertTrue(json.contains("\"high_cpu_seconds\": 0.01,"), json);
  }

  @Test
  void nonFiniteDoublesAreNull() throws IOException {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("nan", Double.NaN);
    evidence.put("inf", Double.POSITIVE_INFINITY);
    evidence.put("tiny", -0.001);
    evidence.put("big", 12345678901234.5678);
    String json = write(reportWith(finding("x", List.of("x"), evidence)));
    JsonNode e = Schemas.parse(json).at("/findings/0/evidence");
    assertTrue(e.get("nan").isNull());
    assertTrue(e.get("inf").isNull());
    assertEquals("0", e.get("tiny").toString());
    // Plain notation, never 1.2E13, whatever the magnitude.
    assertTrue(json.contains("\"big\": 12345678901234.57\n"), json);
  }

  @Test
  void prettyPrintedTwoSpacesTrailingNewline() throws IOException {
    String json = write(ReportFixtures.report());
    assertTrue(json.startsWith("{\n  \"schema\": \"procsweep/report/v2\",\n  \"tool\": {\n"
        + "    \"name\": \"procsweep\",\n"), json);
    assertTrue(json.endsWith("}\n"));
    assertFalse(json.endsWith("}\n\n"));
    assertFalse(json.contains(" : "));
    assertFalse(json.contains("\r"));
    assertTrue(json.contains("\"cmdline\": [],"), "empty arrays are []");
  }

  @Test
  void controlCharactersAreEscapedNeverRaw() throws IOException {
    String json = write(ReportFixtures.report());
    for (char c = 0; c < 0x20; c++) {
      if (c != '\n') {
        assertEquals(-1, json.indexOf(c), "raw control char " + (int) c);
      }
    }
    JsonNode evil = Schemas.parse(json).at("/findings/3/process");
    assertEquals(ReportFixtures.EVIL.name(), evil.get("name").asText());
    assertEquals(ReportFixtures.EVIL.cmdline().get(2), evil.at("/cmdline/2").asText());
  }

  @Test
  void terminalHostileCharactersAreEscapedButKeepTheirValue() throws IOException {
    String name = "a\u007fb\u009b2Jc\u202Ed\u2066e\uFEFFf\u200Bg\u00e9\uD83D\uDE00";
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("k\u202E", name);
    String json = write(reportWith(finding(name, List.of(name), evidence)));
    for (char c : new char[] {0x7f, 0x9b, 0x202e, 0x2066, 0xfeff, 0x200b}) {
      assertEquals(-1, json.indexOf(c), "raw U+" + Integer.toHexString(c));
    }
    assertTrue(json.contains("\"name\": \"a\\u007Fb\\u009B2Jc\\u202Ed\\u2066e\\uFEFFf\\u200Bg"
        + "\u00e9\uD83D\uDE00\""), json);
    JsonNode f = Schemas.parse(json).at("/findings/0");
    assertEquals(name, f.at("/process/name").asText());
    assertEquals(name, f.at("/process/cmdline/0").asText());
    assertEquals(name, f.get("evidence").get("k\u202E").asText());
  }

  @Test
  void loneSurrogatesBecomeReplacementCharacters() throws IOException {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("name\uDC00", "v\uD800");
    evidence.put("list", List.of("\uD83D"));
    Report report = reportWith(finding("lone\uD800high", List.of("x\uDC00", "ok \uD83D\uDE00 ok",
        "end\uD83D"), evidence));
    String json = write(report);

    // The whole document encodes as strict UTF-8: no unpaired surrogate made it through.
    assertStrictUtf8(json);
    JsonNode f = Schemas.parse(json).at("/findings/0");
    assertEquals("lone\uFFFDhigh", f.at("/process/name").asText());
    assertEquals("x\uFFFD", f.at("/process/cmdline/0").asText());
    assertEquals("ok \uD83D\uDE00 ok", f.at("/process/cmdline/1").asText());
    assertEquals("end\uFFFD", f.at("/process/cmdline/2").asText());
    assertEquals("v\uFFFD", f.at("/evidence/name\uFFFD").asText());
    assertEquals("\uFFFD", f.at("/evidence/list/0").asText());
    assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, json));
  }

  @Test
  void cleanReplacesOnlyUnpairedSurrogates() {
    assertEquals("abc", JsonOutput.clean("abc"));
    assertEquals("\uD83D\uDE00", JsonOutput.clean("\uD83D\uDE00"));
    assertEquals("\uFFFD", JsonOutput.clean("\uD800"));
    assertEquals("\uFFFD", JsonOutput.clean("\uDC00"));
    assertEquals("\uFFFD\uD83D\uDE00", JsonOutput.clean("\uD800\uD83D\uDE00"));
    assertEquals("\uFFFD\uFFFD", JsonOutput.clean("\uDC00\uD800"));
    assertEquals("a\uFFFDb\uFFFD", JsonOutput.clean("a\uD800b\uDBFF"));
    assertEquals(null, JsonOutput.clean(null));
  }

  @Test
  void outputMatchesTheSchema() throws IOException {
    assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, write(ReportFixtures.report())));
    assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, write(ReportFixtures.emptyReport())));
  }

  @Test
  void unknownBootTimeIsNullAndStillValid() throws IOException {
    var base = ReportFixtures.result(List.of());
    var s = base.snapshot();
    var snapshot = new io.procsweep.snapshot.Snapshot(s.takenAt(), s.backend(),
        new io.procsweep.snapshot.HostInfo("h", "os", "k", 0, 1), s.processes(), s.listeners(),
        s.unreadable());
    var result = new io.procsweep.scan.ScanResult(base.startedAt(), 1, 0, snapshot, List.of(),
        List.of());
    String json = write(new Report(null, result, null, false));
    JsonNode doc = Schemas.parse(json);
    assertTrue(doc.at("/host/bootTime").isNull());
    assertEquals("unknown", doc.at("/tool/version").asText());
    assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, doc));
  }

  @Test
  void schemaRejectsBrokenDocuments() throws IOException {
    JsonNode good = Schemas.parse(write(ReportFixtures.report()));
    assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, good));

    ObjectNode missingSummary = good.deepCopy();
    missingSummary.remove("summary");
    assertInvalid(missingSummary, "summary");

    ObjectNode missingExe = good.deepCopy();
    ((ObjectNode) missingExe.at("/findings/0/process")).remove("exe");
    assertInvalid(missingExe, "exe");

    ObjectNode badSeverity = good.deepCopy();
    ((ObjectNode) badSeverity.at("/findings/1")).put("severity", "urgent");
    assertInvalid(badSeverity, "severity");

    ObjectNode badState = good.deepCopy();
    ((ObjectNode) badState.at("/findings/1/process")).put("state", "R");
    assertInvalid(badState, "state");

    ObjectNode extra = good.deepCopy();
    ((ObjectNode) extra.at("/scan")).put("surprise", 1);
    assertInvalid(extra, "surprise");

    ObjectNode missingCritical = good.deepCopy();
    ((ObjectNode) missingCritical.at("/summary/bySeverity")).remove("critical");
    assertInvalid(missingCritical, "critical");

    ObjectNode badTime = good.deepCopy();
    ((ObjectNode) badTime.at("/scan")).put("startedAt", "yesterday");
    assertInvalid(badTime, "startedAt");

    ObjectNode badEvidence = good.deepCopy();
    ((ObjectNode) badEvidence.at("/findings/0/evidence")).putObject("nested");
    assertInvalid(badEvidence, "nested");

    ObjectNode badCleanup = good.deepCopy();
    ((ObjectNode) badCleanup.at("/findings/0/cleanup")).put("forced", "nuke");
    assertInvalid(badCleanup, "forced");

    ObjectNode noRules = good.deepCopy();
    ((ObjectNode) noRules.at("/findings/2")).remove("rules");
    assertInvalid(noRules, "rules");

    ObjectNode emptyRules = good.deepCopy();
    ((ArrayNode) emptyRules.at("/findings/2/rules")).removeAll();
    assertInvalid(emptyRules, "rules");

    ObjectNode badMatch = good.deepCopy();
    ((ObjectNode) badMatch.at("/findings/2/rules/1")).put("severity", "urgent");
    assertInvalid(badMatch, "severity");

    ObjectNode noContext = good.deepCopy();
    ((ObjectNode) noContext.at("/findings/2")).remove("context");
    assertInvalid(noContext, "context");

    ObjectNode badPorts = good.deepCopy();
    ((ObjectNode) badPorts.at("/findings/2/context")).put("listeningPorts", "8000");
    assertInvalid(badPorts, "listeningPorts");

    ObjectNode v1 = good.deepCopy();
    v1.put("schema", "procsweep/report/v1");
    assertInvalid(v1, "schema");

    ObjectNode badCmdline = good.deepCopy();
    ((ArrayNode) badCmdline.at("/findings/1/process/cmdline")).add(3);
    assertInvalid(badCmdline, "cmdline");
  }

  @Test
  void schemaFileIsValidDraft202012() throws IOException {
    assertEquals(Set.of(), Schemas.validateSchemaFile(Schemas.REPORT));
  }

  private static void assertInvalid(JsonNode doc, String mentioned) throws IOException {
    Set<ValidationMessage> errors = Schemas.validate(Schemas.REPORT, doc);
    assertFalse(errors.isEmpty(), "expected a schema error about " + mentioned);
    Iterator<ValidationMessage> it = errors.iterator();
    StringBuilder all = new StringBuilder();
    while (it.hasNext()) {
      all.append(it.next().toString()).append('\n');
    }
    assertTrue(all.toString().contains(mentioned), all.toString());
  }

  static void assertStrictUtf8(String text) {
    try {
      ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text));
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(bytes);
    } catch (CharacterCodingException e) {
      throw new AssertionError("not valid UTF-8: " + e, e);
    }
  }

  private static Finding finding(String name, List<String> cmdline, Map<String, Object> evidence) {
    ProcessInfo p = new ProcessInfo(100, 1, name, null, cmdline, "u", 5, ProcState.SLEEPING,
        ReportFixtures.NOW_MS - 1000, 0, 0, null, null, null, null, null, null, false);
    return new Finding("r", "c", Severity.INFO, "m", p, 1, evidence, CleanupSpec.NONE);
  }

  private static Report reportWith(Finding f) {
    return new Report("v", ReportFixtures.result(List.of(f)), Severity.INFO, true);
  }
}
