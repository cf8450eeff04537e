package io.procsweep.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessKey;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state file's JSON ({@value #SCHEMA}): one object per process and per finding, times as
 * epoch milliseconds (compact: a state file holds one line per process of the table).
 *
 * <pre>{@code
 * {"schema": "procsweep/state/v1", "savedAt": "2026-12-02T15:40:00.123Z",
 *  "processes": [{"pid": 4242, "startTimeMs": 1764689000000, "cpuTotalMs": 120,
 *                 "cpuReadAtMs": 1764690000123, "state": "stopped",
 *                 "stateSinceMs": 1764689400000, "highCpuSinceMs": null}],
 *  "findings": [{"rule": "stopped", "pid": 4242, "startTimeMs": 1764689000000,
 *                "firstSeenMs": 1764689400000}]}
 * }</pre>
 *
 * Reading is strict (an unknown or missing field, a wrong type, a duplicate key, another
 * schema): a file that is not exactly ours is set aside rather than half believed.
 */
public final class StateJson {
  public static final String SCHEMA = "procsweep/state/v1";

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8)
          .maxStringLength(64 * 1024).build())
      .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private static final Set<String> TOP = Set.of("schema", "savedAt", "processes", "findings");
  private static final Set<String> PROCESS = Set.of("pid", "startTimeMs", "cpuTotalMs",
      "cpuReadAtMs", "state", "stateSinceMs", "highCpuSinceMs");
  private static final Set<String> FINDING = Set.of("rule", "pid", "startTimeMs", "firstSeenMs");

  private StateJson() {}

  /** Writes {@code state} as saved at {@code savedAt}; entries sorted by pid, then rule. */
  public static void write(ScanState state, Instant savedAt, OutputStream out)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(new OneEntryPerLine());
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA);
      g.writeStringField("savedAt", savedAt.toString());
      g.writeArrayFieldStart("processes");
      List<Map.Entry<ProcessKey, ProcessRecord>> procs =
          new ArrayList<>(state.processes().entrySet());
      procs.sort(Map.Entry.comparingByKey(KEY_ORDER));
      for (Map.Entry<ProcessKey, ProcessRecord> e : procs) {
        ProcessRecord r = e.getValue();
        g.writeStartObject();
        g.writeNumberField("pid", e.getKey().pid());
        g.writeNumberField("startTimeMs", e.getKey().startTimeMs());
        g.writeNumberField("cpuTotalMs", r.cpuTotalMs());
        g.writeNumberField("cpuReadAtMs", r.cpuReadAt().toEpochMilli());
        g.writeStringField("state", r.state().label());
        g.writeNumberField("stateSinceMs", r.stateSince().toEpochMilli());
        g.writeFieldName("highCpuSinceMs");
        if (r.highCpuSince() == null) {
          g.writeNull();
        } else {
          g.writeNumber(r.highCpuSince().toEpochMilli());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("findings");
      List<Map.Entry<FindingKey, Instant>> seen = new ArrayList<>(state.firstSeen().entrySet());
      seen.sort(Map.Entry.comparingByKey(Comparator.comparing(FindingKey::process, KEY_ORDER)
          .thenComparing(FindingKey::rule)));
      for (Map.Entry<FindingKey, Instant> e : seen) {
        g.writeStartObject();
        g.writeStringField("rule", e.getKey().rule());
        g.writeNumberField("pid", e.getKey().process().pid());
        g.writeNumberField("startTimeMs", e.getKey().process().startTimeMs());
        g.writeNumberField("firstSeenMs", e.getValue().toEpochMilli());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /** Compact, but each list entry on its own line: diffable, and one grep finds a pid. */
  private static final class OneEntryPerLine extends MinimalPrettyPrinter {
    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }
  }

  private static final Comparator<ProcessKey> KEY_ORDER =
      Comparator.comparingInt(ProcessKey::pid).thenComparingLong(ProcessKey::startTimeMs);

  /** Parses a state file's bytes; anything but exactly our shape is a {@link StateFormatException}. */
  public static ScanState read(byte[] bytes) throws StateFormatException {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new StateFormatException(e.getOriginalMessage() != null
          && e.getOriginalMessage().startsWith("Duplicate field") ? "a key appears twice"
          : "not valid JSON, or cut short", e);
    } catch (IOException e) {
      throw new StateFormatException("not valid JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new StateFormatException("not a JSON object");
    }
    JsonNode schema = root.get("schema");
    if (schema == null || !schema.isTextual() || !schema.asText().equals(SCHEMA)) {
      throw new StateFormatException("schema is not \"" + SCHEMA + "\"");
    }
    only(root, TOP, "the top level");
    text(root, "savedAt");
    Map<ProcessKey, ProcessRecord> processes = new HashMap<>();
    for (JsonNode p : array(root, "processes")) {
      only(p, PROCESS, "a process");
      ProcState state = ProcState.fromLabel(text(p, "state"));
      if (state == null) {
        throw new StateFormatException("unknown process state " + p.get("state"));
      }
      JsonNode high = p.get("highCpuSinceMs");
      if (high == null || !(high.isNull() || high.canConvertToExactIntegral())) {
        throw new StateFormatException("highCpuSinceMs missing or not a number");
      }
      processes.put(new ProcessKey(pid(p), number(p, "startTimeMs")),
          new ProcessRecord(number(p, "cpuTotalMs"), instant(p, "cpuReadAtMs"), state,
              instant(p, "stateSinceMs"),
              high.isNull() ? null : Instant.ofEpochMilli(high.longValue())));
    }
    Map<FindingKey, Instant> firstSeen = new HashMap<>();
    for (JsonNode f : array(root, "findings")) {
      only(f, FINDING, "a finding");
      firstSeen.put(new FindingKey(text(f, "rule"),
          new ProcessKey(pid(f), number(f, "startTimeMs"))), instant(f, "firstSeenMs"));
    }
    return new ScanState(firstSeen, processes);
  }

  private static void only(JsonNode n, Set<String> fields, String what)
      throws StateFormatException {
    if (!n.isObject()) {
      throw new StateFormatException(what + " is not a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.contains(name)) {
        throw new StateFormatException("unknown field \"" + name + "\" in " + what);
      }
    }
    if (n.size() != fields.size()) {
      throw new StateFormatException("a field is missing in " + what);
    }
  }

  private static JsonNode array(JsonNode n, String field) throws StateFormatException {
    JsonNode a = n.get(field);
    if (a == null || !a.isArray()) {
      throw new StateFormatException(field + " is not a list");
    }
    return a;
  }

  private static String text(JsonNode n, String field) throws StateFormatException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new StateFormatException(field + " missing or not a string");
    }
    return v.asText();
  }

  private static long number(JsonNode n, String field) throws StateFormatException {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new StateFormatException(field + " missing or not an integer");
    }
    return v.longValue();
  }

  private static int pid(JsonNode n) throws StateFormatException {
    long pid = number(n, "pid");
    if (pid < 0 || pid > Integer.MAX_VALUE) {
      throw new StateFormatException("pid out of range: " + pid);
    }
    return (int) pid;
  }

  private static Instant instant(JsonNode n, String field) throws StateFormatException {
    return Instant.ofEpochMilli(number(n, field));
  }
}
