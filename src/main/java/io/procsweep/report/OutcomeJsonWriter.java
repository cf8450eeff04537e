package io.procsweep.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.procsweep.cleanup.Counts;
import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.SignalRecord;
import io.procsweep.cleanup.TargetOutcome;
import java.io.IOException;
import java.io.Writer;

/** Writes an outcome as {@value Outcome#SCHEMA} (reports/schema/outcome-v1.schema.json). */
public final class OutcomeJsonWriter {

  public void write(Outcome o, Writer out) throws IOException {
    try (JsonGenerator g = JsonOutput.open(out)) {
      g.writeStartObject();
      g.writeStringField("schema", Outcome.SCHEMA);
      g.writeStringField("mode", o.mode().label());
      g.writeBooleanField("dryRun", o.dryRun());
      g.writeBooleanField("interrupted", o.interrupted());
      g.writeStringField("startedAt", JsonOutput.timestamp(o.startedAt()));
      g.writeStringField("finishedAt", JsonOutput.timestamp(o.finishedAt()));
      JsonOutput.string(g, "host", o.host());
      JsonOutput.string(g, "mechanism", o.mechanism());
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
    JsonOutput.string(g, "pidfile", t.pidfile());
    PlanJsonWriter.writeCause(g, t.cause());
    g.writeStringField("status", t.status().label());
    JsonOutput.string(g, "reason", t.reason());
    JsonOutput.string(g, "message", t.message());
    g.writeArrayFieldStart("signals");
    for (SignalRecord s : t.signals()) {
      g.writeStartObject();
      g.writeNumberField("pid", s.pid());
      JsonOutput.string(g, "name", s.name());
      g.writeStringField("signal", s.signal().label());
      g.writeStringField("result", s.result().label());
      g.writeStringField("at", JsonOutput.timestamp(s.at()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
