package io.procsweep.cleanup;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/** Writes an outcome as {@value Outcome#SCHEMA} (reports/schema/outcome-v1.schema.json). */
public final class OutcomeJsonWriter {

  public void write(Outcome o, Writer out) throws IOException {
    try (JsonGenerator g = CleanupJson.pretty(out)) {
      g.writeStartObject();
      g.writeStringField("schema", Outcome.SCHEMA);
      g.writeStringField("mode", o.mode().label());
      g.writeBooleanField("dryRun", o.dryRun());
      g.writeStringField("startedAt", CleanupJson.timestamp(o.startedAt()));
      g.writeStringField("finishedAt", CleanupJson.timestamp(o.finishedAt()));
      CleanupJson.string(g, "host", o.host());
      CleanupJson.string(g, "mechanism", o.mechanism());
      Counts c = o.counts();
      g.writeObjectFieldStart("counts");
      g.writeNumberField("found", c.found());
      g.writeNumberField("signalled", c.signalled());
      g.writeNumberField("terminated", c.terminated());
      g.writeNumberField("removed", c.removed());
      g.writeNumberField("survived", c.survived());
      g.writeNumberField("skipped", c.skipped());
      g.writeNumberField("errors", c.errors());
      g.writeNumberField("preserved", c.preserved());
      g.writeNumberField("planned", c.planned());
      g.writeEndObject();
      g.writeNumberField("exitCode", o.exitCode());
      g.writeArrayFieldStart("targets");
      for (TargetOutcome t : o.targets()) {
        writeTarget(g, t);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void writeTarget(JsonGenerator g, TargetOutcome t) throws IOException {
    g.writeStartObject();
    g.writeStringField("action", t.action());
    g.writeFieldName("target");
    if (t.target() == null) {
      g.writeNull();
    } else {
      PlanJsonWriter.writeTarget(g, t.target());
    }
    CleanupJson.string(g, "pidfile", t.pidfile());
    PlanJsonWriter.writeCause(g, t.cause());
    g.writeStringField("status", t.status().label());
    CleanupJson.string(g, "reason", t.reason());
    CleanupJson.string(g, "message", t.message());
    g.writeArrayFieldStart("signals");
    for (SignalRecord s : t.signals()) {
      g.writeStartObject();
      g.writeNumberField("pid", s.pid());
      CleanupJson.string(g, "name", s.name());
      g.writeStringField("signal", s.signal().label());
      g.writeStringField("result", s.result().label());
      g.writeStringField("at", CleanupJson.timestamp(s.at()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
