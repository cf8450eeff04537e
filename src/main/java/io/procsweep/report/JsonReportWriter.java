package io.procsweep.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.RuleSource;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.Match;
import io.procsweep.scan.ProcessContext;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The primary, versioned report format ({@value #SCHEMA}), described by {@code
 * reports/schema/report-v2.schema.json}: one finding per process, listing every rule it matched
 * and its context. Written with Jackson's streaming generator so the shape is visible in one
 * place and no intermediate tree of the whole report is built.
 */
public final class JsonReportWriter implements ReportWriter {
  public static final String SCHEMA = "procsweep/report/v2";

  @Override
  public void write(Report report, Writer out) throws IOException {
    ScanResult result = report.result();
    Snapshot snapshot = result.snapshot();
    try (JsonGenerator g = JsonOutput.open(out)) {
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA);
      JsonOutput.tool(g, report.toolVersion());
      JsonOutput.host(g, snapshot.host());
      writeScan(g, result);
      writeSummary(g, report);
      g.writeArrayFieldStart("findings");
      for (Finding f : result.findings()) {
        writeFinding(g, f, result.startedAt());
      }
      g.writeEndArray();
      JsonOutput.unreadable(g, snapshot.unreadable());
      g.writeEndObject();
    }
    JsonOutput.finish(out);
  }

  private static void writeScan(JsonGenerator g, ScanResult r) throws IOException {
    g.writeObjectFieldStart("scan");
    g.writeStringField("startedAt", JsonOutput.timestamp(r.startedAt()));
    g.writeNumberField("durationMs", r.durationMs());
    g.writeNumberField("sampleMs", r.sampleMs());
    JsonOutput.string(g, "backend", r.snapshot().backend());
    g.writeNumberField("processes", r.snapshot().processes().size());
    g.writeNumberField("listeners", r.snapshot().listeners().size());
    g.writeArrayFieldStart("ruleSets");
    for (RuleSource rs : r.ruleSets()) {
      g.writeStartObject();
      JsonOutput.string(g, "source", rs.source());
      JsonOutput.string(g, "sha256", rs.sha256());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeSummary(JsonGenerator g, Report report) throws IOException {
    List<Finding> findings = report.result().findings();
    // Every severity is present, zeros included, so dashboards never meet a missing key.
    Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      bySeverity.put(s, 0L);
    }
    Map<String, Long> byCategory = new TreeMap<>();
    Map<String, Long> byRule = new TreeMap<>();
    for (Finding f : findings) {
      bySeverity.merge(f.severity(), 1L, Long::sum);
      byCategory.merge(JsonOutput.clean(f.category()), 1L, Long::sum);
      for (Match m : f.matches()) {
        byRule.merge(JsonOutput.clean(m.rule()), 1L, Long::sum);
      }
    }
    g.writeObjectFieldStart("summary");
    g.writeNumberField("findings", findings.size());
    g.writeObjectFieldStart("bySeverity");
    for (Map.Entry<Severity, Long> e : bySeverity.entrySet()) {
      g.writeNumberField(e.getKey().label(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("byCategory");
    for (Map.Entry<String, Long> e : byCategory.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("byRule");
    for (Map.Entry<String, Long> e : byRule.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("gate");
    JsonOutput.string(g, "failOn", report.failOn() == null ? null : report.failOn().label());
    g.writeBooleanField("failed", report.gateFailed());
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * One finding object, as in the report's {@code findings} array (watch's events reuse it);
   * {@code scanStart} stands in for a finding built without a first-seen time.
   */
  public static void writeFinding(JsonGenerator g, Finding f, Instant scanStart)
      throws IOException {
    g.writeStartObject();
    JsonOutput.string(g, "rule", f.rule());
    JsonOutput.string(g, "category", f.category());
    g.writeStringField("severity", f.severity().label());
    JsonOutput.string(g, "message", f.message());
    g.writeArrayFieldStart("rules");
    for (Match m : f.matches()) {
      g.writeStartObject();
      JsonOutput.string(g, "id", m.rule());
      JsonOutput.string(g, "category", m.category());
      g.writeStringField("severity", m.severity().label());
      JsonOutput.string(g, "message", m.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("firstSeen",
        JsonOutput.timestamp(f.firstSeen() != null ? f.firstSeen() : scanStart));

    ProcessInfo p = f.process();
    g.writeObjectFieldStart("process");
    JsonOutput.processIdentity(g, p);
    g.writeNumberField("ageSeconds", f.ageSeconds());
    g.writeEndObject();

    writeContext(g, f.context());

    g.writeObjectFieldStart("evidence");
    for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
      g.writeFieldName(JsonOutput.clean(e.getKey()));
      writeEvidenceValue(g, e.getValue());
    }
    g.writeEndObject();

    CleanupSpec cleanup = f.cleanup() == null ? CleanupSpec.NONE : f.cleanup();
    g.writeObjectFieldStart("cleanup");
    g.writeStringField("safe", cleanup.safe().label());
    g.writeStringField("forced", cleanup.forced().label());
    g.writeEndObject();
    g.writeEndObject();
  }

  /** Every key is always there; null means unknown (or not read on this platform or build). */
  private static void writeContext(JsonGenerator g, ProcessContext c) throws IOException {
    g.writeObjectFieldStart("context");
    numbers(g, "listeningPorts", c.listeningPorts());
    numbers(g, "treeListeningPorts", c.treeListeningPorts());
    numbers(g, "treeListeners", c.treeListeners());
    numbers(g, "listenerHolders", c.listenerHolders());
    JsonOutput.string(g, "cwd", c.cwd());
    g.writeObjectFieldStart("session");
    g.writeFieldName("id");
    writeEvidenceValue(g, c.sessionId());
    g.writeFieldName("leaderAlive");
    writeEvidenceValue(g, c.sessionLeaderAlive());
    g.writeEndObject();
    JsonOutput.string(g, "container", c.container());
    JsonOutput.string(g, "ciJob", c.ciJob());
    g.writeEndObject();
  }

  private static void numbers(JsonGenerator g, String name, List<Long> values)
      throws IOException {
    g.writeFieldName(name);
    writeEvidenceValue(g, values);
  }

  /**
   * Fact values as {@code FactType} types them: Long/Integer, Double, String, Boolean, lists of
   * those, or null for unknown. Anything else is written as its string form rather than failing
   * the whole report over one odd value.
   */
  static void writeEvidenceValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Double || v instanceof Float) {
      writeRounded(g, ((Number) v).doubleValue());
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Number) {
      // BigDecimal/BigInteger are not produced by facts today; keep them exact if they appear.
      g.writeNumber(new BigDecimal(v.toString()));
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object item : (List<?>) v) {
        writeEvidenceValue(g, item);
      }
      g.writeEndArray();
    } else {
      g.writeString(JsonOutput.clean(v.toString()));
    }
  }

  /**
   * Two decimals are plenty for percentages and rates, and keep reports diffable across runs.
   * NaN and infinities have no JSON spelling; they mean "no meaningful value", so null.
   */
  private static void writeRounded(JsonGenerator g, double d) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      g.writeNull();
      return;
    }
    BigDecimal rounded = BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP);
    // stripTrailingZeros turns 0.00 into 0 and 12.50 into 12.5; -0 never appears as a value.
    g.writeNumber(rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros());
  }
}
