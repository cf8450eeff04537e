package io.procsweep.report;

import io.procsweep.cleanup.Describe;
import io.procsweep.cleanup.Keep;
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
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code procsweep explain} for people: one section per question (command, sockets, family,
 * session, rules, plan, facts), wrapped to the terminal's width. Every line is escaped with
 * {@link TerminalText} as it is written: process names, command lines, paths and the facts
 * quoted in rule sentences are chosen by whoever started the process.
 */
public final class ExplainText {
  /** Labels are padded to this; continuation lines are indented to match. */
  private static final int LABEL = 11;
  private static final int MIN_WIDTH = 40;

  private final int width;

  public ExplainText(int width) {
    this.width = Math.max(MIN_WIDTH, width);
  }

  public void write(ExplainReport r, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (r.note() != null) {
      wrapped(sb, "", r.note());
    }
    if (r.port() != null && !r.explanations().isEmpty()) {
      StringJoiner who = new StringJoiner(", ");
      r.explanations().forEach(e -> who.add(who(e.process().pid(), e.process().name())));
      int n = r.explanations().size();
      wrapped(sb, "", "port " + r.port() + " is held by " + (n == 1 ? "" : n + " processes: ")
          + who);
      sb.append('\n');
    }
    boolean first = true;
    for (Explanation e : r.explanations()) {
      if (!first) {
        sb.append('\n').append("-".repeat(Math.min(width, 80))).append("\n\n");
      }
      first = false;
      explanation(sb, e, r);
    }
    out.write(sb.toString());
    out.flush();
  }

  private void explanation(StringBuilder sb, Explanation e, ExplainReport r) {
    ProcessInfo p = e.process();
    wrapped(sb, "", "pid " + p.pid() + " (" + p.name() + "), as read at "
        + JsonOutput.timestamp(r.takenAt()));
    line(sb, "command", p.commandLine());
    line(sb, "user", p.user() == null ? (p.uid() == null ? "unknown" : "uid " + p.uid())
        : p.user() + (p.uid() == null ? "" : " (uid " + p.uid() + ")"));
    line(sb, "state", p.state().label() + ", age " + fact(e, "age_seconds") + "s");
    line(sb, "exe", p.exe() == null ? "unknown" : p.exe());

    section(sb, "Listening sockets");
    if (e.sockets().isEmpty()) {
      line(sb, "", "none");
    }
    for (Socket s : e.sockets()) {
      line(sb, "", socket(s));
    }
    if (!e.treeSockets().isEmpty()) {
      line(sb, "", "held by its descendants:");
      for (Socket s : e.treeSockets()) {
        line(sb, "", socket(s));
      }
    }

    section(sb, "Family");
    line(sb, "parents", e.ancestors().isEmpty() ? "none in the snapshot"
        : join(e.ancestors(), " < "));
    line(sb, "children", e.children().isEmpty() ? "none" : join(e.children(), ", "));

    Placement pl = e.placement();
    section(sb, "Session");
    line(sb, "session", pl.sid() == null ? "unknown"
        : pl.sid() + leader(pl.sid(), pl.sessionLeader(), pl.sessionLeaderAlive()));
    line(sb, "group", pl.pgid() == null ? "unknown"
        : pl.pgid() + leader(pl.pgid(), null, pl.groupLeaderAlive()));
    line(sb, "tty", pl.tty() == null ? "none known" : pl.tty());
    line(sb, "container", (pl.container() == null ? "none" : pl.container())
        + (Boolean.TRUE.equals(pl.namespaceInit()) ? " (its init: pid 1 of a nested pid"
            + " namespace)" : ""));
    line(sb, "namespace", pl.pidNamespace() == null ? "unknown" : "pid:[" + pl.pidNamespace()
        + "]");
    line(sb, "cgroup", pl.cgroup() == null ? "unknown" : pl.cgroup()
        + (pl.serviceUnit() == null ? "" : " (unit " + pl.serviceUnit() + ")"));
    line(sb, "cwd", pl.cwd() == null ? "unknown" : pl.cwd());

    long matched = e.rules().stream().filter(v -> v.check().matched()).count();
    section(sb, "Rules: " + matched + " of " + e.rules().size() + " matched");
    for (RuleVerdict v : e.rules()) {
      if (v.check().matched()) {
        rule(sb, v);
      }
    }
    for (RuleVerdict v : e.rules()) {
      if (!v.check().matched()) {
        rule(sb, v);
      }
    }

    section(sb, "Plan (what 'procsweep plan --mode M' would do; nothing is signalled here)");
    for (PlanVerdict v : e.plans()) {
      line(sb, v.mode().label(), planSummary(v));
    }

    section(sb, "Facts");
    for (FactEntry f : e.facts()) {
      wrapped(sb, "  " + padded(f.name(), 22), value(f.value()));
    }
  }

  private void rule(StringBuilder sb, RuleVerdict v) {
    RuleCheck c = v.check();
    String head = c.rule().id() + " (" + c.rule().severity().label() + ", "
        + c.rule().category() + ")";
    if (c.matched()) {
      line(sb, "matched", head + ": " + v.message());
      StringJoiner ev = new StringJoiner(", ");
      for (Map.Entry<String, Object> en : v.evidence().entrySet()) {
        ev.add(en.getKey() + "=" + value(en.getValue()));
      }
      detail(sb, 0, "evidence: " + ev);
      return;
    }
    if (c.whenFailed() != null) {
      line(sb, "no", head + ": " + summary(c.whenFailed()));
      alternatives(sb, c.whenFailed(), 0);
    } else {
      line(sb, "no", head + ": unless " + c.unlessHeld().sentence());
    }
  }

  /** A failure in one line; an any: says how many alternatives failed, listed below it. */
  private static String summary(Unmet u) {
    return u.alternatives().isEmpty() ? u.sentence()
        : "none of its " + u.alternatives().size() + " alternatives (any:) held";
  }

  private void alternatives(StringBuilder sb, Unmet u, int depth) {
    for (Unmet alt : u.alternatives()) {
      wrapped(sb, " ".repeat(LABEL + 2 + 2 * depth) + "- ", summary(alt));
      alternatives(sb, alt, depth + 1);
    }
  }

  /** A line under a labelled one, at the labels' text column, {@code depth} steps further. */
  private void detail(StringBuilder sb, int depth, String text) {
    wrapped(sb, " ".repeat(LABEL + 2 + 2 * depth), text);
  }

  /**
   * One line for a plan verdict, raw (the JSON's {@code summary} too): the planned action, or
   * why there is none and whether a rule that did match would be refused.
   */
  public static String planSummary(PlanVerdict p) {
    if (p.action() instanceof Keep k) {
      return "none (" + k.reason().label() + "): " + Describe.of(k);
    }
    if (p.action() != null) {
      return p.action().kind() + ": " + Describe.of(p.action());
    }
    String s = "nothing: no rule matched";
    if (p.protection() != null) {
      s += "; a rule that did would be refused (" + p.protection().reason().label() + "): "
          + p.protection().detail();
    }
    return s;
  }

  private static String leader(int id, Relative leader, Boolean alive) {
    if (id == 0) {
      return " (none: started outside any " + "session or group)";
    }
    if (leader != null) {
      return ", leader " + who(leader.pid(), leader.name()) + " runs";
    }
    return alive == null ? ", leader unknown" : alive ? ", leader runs" : ", leader gone";
  }

  private static String socket(Socket s) {
    String addr = s.address().contains(":") ? "[" + s.address() + "]" : s.address();
    return s.protocol() + " " + addr + ":" + s.port() + ", held by "
        + (s.holders().isEmpty() ? "unknown" : join(s.holders(), ", "));
  }

  private static String join(List<Relative> rs, String sep) {
    StringJoiner j = new StringJoiner(sep);
    rs.forEach(r -> j.add(who(r.pid(), r.name())));
    return j.toString();
  }

  private static String who(int pid, String name) {
    return pid + " (" + name + ")";
  }

  private static String fact(Explanation e, String name) {
    return e.facts().stream().filter(f -> f.name().equals(name)).findFirst()
        .map(f -> value(f.value())).orElse("unknown");
  }

  /** A fact value: {@code unknown} for null; numbers to two decimals at most. */
  static String value(Object v) {
    if (v == null) {
      return "unknown";
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return "unknown";
      }
      return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()
          .toPlainString();
    }
    if (v instanceof Collection<?> c) {
      StringJoiner j = new StringJoiner(", ", "[", "]");
      c.forEach(x -> j.add(value(x)));
      return j.toString();
    }
    return v.toString();
  }

  private static void section(StringBuilder sb, String title) {
    sb.append('\n').append(TerminalText.escape(title)).append('\n');
  }

  /** "  label      text", wrapped to the width with continuation lines under the text. */
  private void line(StringBuilder sb, String label, String text) {
    wrapped(sb, "  " + (label.isEmpty() ? "" : padded(label, LABEL)), text);
  }

  private static String padded(String s, int n) {
    return s.length() >= n ? s + " " : s + " ".repeat(n - s.length());
  }

  /**
   * Writes {@code prefix} then {@code text} (escaped), breaking at spaces so no line passes the
   * width; a word longer than a line is cut. Continuation lines start under the text.
   */
  private void wrapped(StringBuilder sb, String prefix, String text) {
    int indent = prefix.length();
    String safe = TerminalText.escape(text);
    int room = Math.max(10, width - indent);
    sb.append(prefix);
    int col = 0;
    for (String word : safe.split(" ", -1)) {
      while (word.length() > room) {
        if (col > 0) {
          sb.append('\n').append(" ".repeat(indent));
          col = 0;
        }
        sb.append(word, 0, room).append('\n').append(" ".repeat(indent));
        word = word.substring(room);
      }
      if (col > 0 && col + 1 + word.length() > room) {
        sb.append('\n').append(" ".repeat(indent));
        col = 0;
      } else if (col > 0) {
        sb.append(' ');
        col++;
      }
      sb.append(word);
      col += word.length();
    }
    sb.append('\n');
  }
}
