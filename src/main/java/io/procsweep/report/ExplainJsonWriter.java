package io.procsweep.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.procsweep.explain.ExplainReport;
import io.procsweep.explain.Explanation;
import io.procsweep.explain.Explanation.FactEntry;
import io.procsweep.explain.Explanation.Placement;
import io.procsweep.explain.Explanation.PlanVerdict;
import io.procsweep.explain.Explanation.Relative;
import io.procsweep.explain.Explanation.RuleVerdict;
import io.procsweep.explain.Explanation.Socket;
import io.procsweep.rules.RuleCheck;
import io.procsweep.rules.Unmet;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code procsweep explain} as {@value ExplainReport#SCHEMA}. Every key is always there,
 * null where unknown or not applicable; fact values are typed as in a scan report's evidence,
 * and a plan's action has the shape of an action in {@code procsweep/plan/v1}.
 */
public final class ExplainJsonWriter {

  public void write(ExplainReport r, Writer out) throws IOException {
    try (JsonGenerator g = JsonOutput.open(out)) {
      g.writeStartObject();
      g.writeStringField("schema", ExplainReport.SCHEMA);
      g.writeStringField("takenAt", JsonOutput.timestamp(r.takenAt()));
      JsonOutput.string(g, "host", r.host());
      JsonOutput.number(g, "port", r.port());
      JsonOutput.string(g, "note", r.note());
      g.writeArrayFieldStart("processes");
      for (Explanation e : r.explanations()) {
        writeExplanation(g, e);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    JsonOutput.finish(out);
  }

  private static void writeExplanation(JsonGenerator g, Explanation e) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("process");
    JsonOutput.processIdentity(g, e.process());
    g.writeEndObject();

    g.writeObjectFieldStart("facts");
    for (FactEntry f : e.facts()) {
      g.writeFieldName(f.name());
      JsonReportWriter.writeEvidenceValue(g, f.value());
    }
    g.writeEndObject();

    g.writeArrayFieldStart("rules");
    for (RuleVerdict v : e.rules()) {
      writeRule(g, v);
    }
    g.writeEndArray();

    sockets(g, "sockets", e.sockets());
    sockets(g, "treeSockets", e.treeSockets());
    writePlacement(g, e.placement());
    relatives(g, "ancestors", e.ancestors());
    relatives(g, "children", e.children());

    g.writeObjectFieldStart("plan");
    for (PlanVerdict p : e.plans()) {
      g.writeObjectFieldStart(p.mode().label());
      g.writeFieldName("action");
      if (p.action() == null) {
        g.writeNull();
      } else {
        PlanJsonWriter.writeAction(g, p.action());
      }
      g.writeFieldName("protection");
      if (p.protection() == null) {
        g.writeNull();
      } else {
        g.writeStartObject();
        g.writeStringField("reason", p.protection().reason().label());
        JsonOutput.string(g, "detail", p.protection().detail());
        g.writeEndObject();
      }
      JsonOutput.string(g, "summary", ExplainText.planSummary(p));
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeRule(JsonGenerator g, RuleVerdict v) throws IOException {
    RuleCheck c = v.check();
    g.writeStartObject();
    JsonOutput.string(g, "id", c.rule().id());
    JsonOutput.string(g, "category", c.rule().category());
    g.writeStringField("severity", c.rule().severity().label());
    JsonOutput.string(g, "message", v.message());
    g.writeBooleanField("matched", c.matched());
    g.writeObjectFieldStart("evidence");
    for (Map.Entry<String, Object> en : v.evidence().entrySet()) {
      g.writeFieldName(JsonOutput.clean(en.getKey()));
      JsonReportWriter.writeEvidenceValue(g, en.getValue());
    }
    g.writeEndObject();
    g.writeFieldName("failed");
    if (c.matched()) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeStringField("part", c.whenFailed() != null ? "when" : "unless");
      writeUnmetFields(g, c.whenFailed() != null ? c.whenFailed() : c.unlessHeld());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeUnmetFields(JsonGenerator g, Unmet u) throws IOException {
    JsonOutput.string(g, "condition", u.condition());
    g.writeBooleanField("held", u.held());
    g.writeObjectFieldStart("values");
    for (Map.Entry<String, Object> en : u.values().entrySet()) {
      g.writeFieldName(JsonOutput.clean(en.getKey()));
      JsonReportWriter.writeEvidenceValue(g, en.getValue());
    }
    g.writeEndObject();
    JsonOutput.string(g, "sentence", u.sentence());
    g.writeArrayFieldStart("alternatives");
    for (Unmet a : u.alternatives()) {
      g.writeStartObject();
      writeUnmetFields(g, a);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void sockets(JsonGenerator g, String name, List<Socket> sockets)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (Socket s : sockets) {
      g.writeStartObject();
      JsonOutput.string(g, "protocol", s.protocol());
      JsonOutput.string(g, "address", s.address());
      g.writeNumberField("port", s.port());
      JsonOutput.number(g, "inode", s.inode());
      relatives(g, "holders", s.holders());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writePlacement(JsonGenerator g, Placement p) throws IOException {
    g.writeObjectFieldStart("session");
    JsonOutput.number(g, "id", p.sid());
    g.writeFieldName("leader");
    relative(g, p.sessionLeader());
    bool(g, "leaderAlive", p.sessionLeaderAlive());
    g.writeEndObject();
    g.writeObjectFieldStart("group");
    JsonOutput.number(g, "id", p.pgid());
    bool(g, "leaderAlive", p.groupLeaderAlive());
    g.writeEndObject();
    JsonOutput.string(g, "tty", p.tty());
    JsonOutput.string(g, "container", p.container());
    JsonOutput.number(g, "pidNamespace", p.pidNamespace());
    bool(g, "namespaceInit", p.namespaceInit());
    JsonOutput.string(g, "cgroup", p.cgroup());
    JsonOutput.string(g, "serviceUnit", p.serviceUnit());
    JsonOutput.string(g, "cwd", p.cwd());
  }

  private static void relatives(JsonGenerator g, String name, List<Relative> list)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (Relative r : list) {
      relative(g, r);
    }
    g.writeEndArray();
  }

  private static void relative(JsonGenerator g, Relative r) throws IOException {
    if (r == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("pid", r.pid());
    JsonOutput.string(g, "name", r.name());
    g.writeEndObject();
  }

  private static void bool(JsonGenerator g, String name, Boolean v) throws IOException {
    g.writeFieldName(name);
    if (v == null) {
      g.writeNull();
    } else {
      g.writeBoolean(v);
    }
  }
}
