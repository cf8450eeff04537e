package io.procsweep.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.procsweep.cleanup.Action;
import io.procsweep.cleanup.Cause;
import io.procsweep.cleanup.Describe;
import io.procsweep.cleanup.Excluded;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.PlanJsonReader;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.cleanup.Step;
import io.procsweep.cleanup.Target;
import io.procsweep.platform.fs.FileId;
import io.procsweep.rules.RuleSource;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a plan as {@value Plan#SCHEMA} (reports/schema/plan-v1.schema.json). Every action has
 * the same fields, null where they do not apply, so {@link PlanJsonReader} and scripts read one
 * shape. {@code description} is for people and ignored when the plan is read back.
 */
public final class PlanJsonWriter {

  public void write(Plan plan, Writer out) throws IOException {
    try (JsonGenerator g = JsonOutput.open(out)) {
      g.writeStartObject();
      g.writeStringField("schema", Plan.SCHEMA);
      g.writeStringField("mode", plan.mode().label());
      g.writeStringField("createdAt", JsonOutput.timestamp(plan.createdAt()));
      g.writeNumberField("graceMs", plan.grace().toMillis());
      JsonOutput.string(g, "host", plan.host());
      g.writeStringField("platform", plan.platform());
      g.writeArrayFieldStart("ruleSets");
      for (RuleSource r : plan.ruleSets()) {
        g.writeStartObject();
        g.writeStringField("source", r.source());
        JsonOutput.string(g, "sha256", r.sha256());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("actions");
      for (Action a : plan.actions()) {
        writeAction(g, a);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  static void writeAction(JsonGenerator g, Action a) throws IOException {
    g.writeStartObject();
    g.writeStringField("action", a.kind());
    ActionFields f = ActionFields.of(a);
    g.writeFieldName("target");
    Target target = f.target();
    if (target == null) {
      g.writeNull();
    } else {
      writeTarget(g, target);
    }
    g.writeFieldName("pidfile");
    StalePidfile pidfile = f.pidfile();
    if (pidfile == null) {
      g.writeNull();
    } else {
      writePidfile(g, pidfile);
    }
    writeCause(g, a.cause());
    g.writeArrayFieldStart("steps");
    for (Step s : a.steps()) {
      g.writeStartObject();
      g.writeStringField("signal", s.signal().label());
      g.writeNumberField("waitMs", s.waitMs());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("processes");
    for (Target t : a.processes()) {
      writeTarget(g, t);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("excluded");
    for (Excluded e : f.excluded()) {
      g.writeStartObject();
      g.writeFieldName("process");
      writeTarget(g, e.process());
      g.writeStringField("reason", e.reason().label());
      JsonOutput.string(g, "detail", e.detail());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("zombies");
    for (Target t : f.zombies()) {
      writeTarget(g, t);
    }
    g.writeEndArray();
    JsonOutput.string(g, "reason", f.reason() == null ? null : f.reason().label());
    JsonOutput.string(g, "detail", f.detail());
    JsonOutput.string(g, "note", f.note());
    JsonOutput.string(g, "description", Describe.of(a));
    g.writeEndObject();
  }

  static void writeTarget(JsonGenerator g, Target t) throws IOException {
    g.writeStartObject();
    g.writeNumberField("pid", t.pid());
    g.writeStringField("startTime", JsonOutput.timestamp(t.startTimeMs()));
    g.writeNumberField("startTimeMs", t.startTimeMs());
    JsonOutput.string(g, "name", t.name());
    JsonOutput.string(g, "user", t.user());
    JsonOutput.number(g, "uid", t.uid());
    g.writeStringField("state", t.state().label());
    g.writeEndObject();
  }

  static void writeCause(JsonGenerator g, Cause c) throws IOException {
    g.writeObjectFieldStart("finding");
    JsonOutput.string(g, "rule", c.rule());
    JsonOutput.string(g, "category", c.category());
    g.writeStringField("severity", c.severity().label());
    g.writeEndObject();
  }

  private static void writePidfile(JsonGenerator g, StalePidfile f) throws IOException {
    g.writeStartObject();
    JsonOutput.string(g, "path", f.path().toString());
    JsonOutput.number(g, "pid", f.pid());
    g.writeStringField("state", f.state().label());
    JsonOutput.number(g, "ownerUid", f.ownerUid());
    JsonOutput.string(g, "owner", f.owner());
    writeFileId(g, "directory", f.directory());
    writeFileId(g, "file", f.file());
    g.writeEndObject();
  }

  /** Device and inode as planned: removal refuses unless both are still the same. */
  private static void writeFileId(JsonGenerator g, String field, FileId id) throws IOException {
    if (id == null) {
      g.writeNullField(field);
      return;
    }
    g.writeObjectFieldStart(field);
    g.writeNumberField("dev", id.dev());
    g.writeNumberField("ino", id.ino());
    g.writeEndObject();
  }
}
