package io.procsweep.leak;

import com.fasterxml.jackson.core.JsonGenerator;
import io.procsweep.report.JsonOutput;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.io.Writer;

/** {@value RunReport#SCHEMA} as JSON; reports/schema/run-v1.schema.json describes it. */
public final class RunJsonWriter {

  public void write(RunReport r, Writer out) throws IOException {
    try (JsonGenerator g = JsonOutput.open(out)) {
      g.writeStartObject();
      JsonOutput.string(g, "schema", RunReport.SCHEMA);
      JsonOutput.string(g, "runId", r.run().runId().value());
      g.writeArrayFieldStart("command");
      for (String a : r.run().command()) {
        g.writeString(JsonOutput.clean(a));
      }
      g.writeEndArray();
      g.writeNumberField("exitCode", r.run().exitCode());
      g.writeBooleanField("subreaper", r.run().subreaper());
      JsonOutput.string(g, "startedAt", JsonOutput.timestamp(r.run().startedAt()));
      JsonOutput.string(g, "finishedAt", JsonOutput.timestamp(r.run().finishedAt()));
      g.writeNumberField("passes", r.run().passes());
      g.writeBooleanField("killRequested", r.killRequested());
      JsonOutput.number(g, "cleanupExit", r.cleanupExit().orElse(null));
      g.writeArrayFieldStart("leaks");
      for (Leak l : r.leaks()) {
        leak(g, l, r.cleanup().get(l.pid()));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    JsonOutput.finish(out);
  }

  private static void leak(JsonGenerator g, Leak l, String cleanup) throws IOException {
    ProcessInfo p = l.process();
    g.writeStartObject();
    g.writeNumberField("pid", p.pid());
    g.writeNumberField("ppid", p.ppid());
    JsonOutput.string(g, "startTime", JsonOutput.timestamp(p.startTimeMs()));
    JsonOutput.string(g, "user", p.user());
    JsonOutput.number(g, "uid", p.uid());
    JsonOutput.string(g, "name", p.name());
    g.writeArrayFieldStart("cmdline");
    for (String a : p.cmdline()) {
      g.writeString(JsonOutput.clean(a));
    }
    g.writeEndArray();
    g.writeBooleanField("adopted", l.adopted());
    g.writeBooleanField("marked", l.marked());
    g.writeNumberField("round", l.round());
    g.writeArrayFieldStart("listening");
    for (Listener s : l.listening()) {
      g.writeStartObject();
      JsonOutput.string(g, "protocol", s.protocol());
      JsonOutput.string(g, "address", s.address());
      g.writeNumberField("port", s.port());
      g.writeEndObject();
    }
    g.writeEndArray();
    JsonOutput.string(g, "cleanup", cleanup);
    g.writeEndObject();
  }
}
