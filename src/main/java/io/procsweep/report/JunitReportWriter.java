package io.procsweep.report;

import io.procsweep.scan.ActiveRule;
import io.procsweep.scan.Finding;
import io.procsweep.scan.Match;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * JUnit XML, the test-result format CI systems render (Jenkins, GitLab, GitHub test reporters):
 * a {@code testsuite} per rule category, a {@code testcase} per evaluated rule, a {@code
 * failure} per finding that matched it. A rule that found nothing is a passing test case, so
 * the report also says what was checked. The shape follows Jenkins' junit-4 schema (several
 * failures per test case; properties on the suite only): each suite's properties give the pids
 * of each failing rule and the start time and cgroup of each process that failed one.
 *
 * <p>Everything taken from a process goes through {@link TerminalText} first and then XML
 * escaping: control characters other than TAB, LF and CR cannot appear in XML 1.0 at all, not
 * even as character references, and a CR or LF in an attribute would be normalised away.
 */
public final class JunitReportWriter implements ReportWriter {
  /** Ant's timestamp form: no zone, read as UTC. */
  private static final DateTimeFormatter SUITE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  @Override
  public void write(Report report, Writer out) throws IOException {
    ScanResult result = report.result();
    Map<String, List<ActiveRule>> suites = suites(result);
    int tests = 0;
    int failing = 0;
    for (List<ActiveRule> rules : suites.values()) {
      for (ActiveRule r : rules) {
        tests++;
        failing += failures(result, r.id()).isEmpty() ? 0 : 1;
      }
    }
    String time = seconds(result.durationMs());
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<testsuites name=\"procsweep scan\" tests=\"" + tests + "\" failures=\"" + failing
        + "\" errors=\"0\" time=\"" + time + "\">\n");
    int id = 0;
    for (Map.Entry<String, List<ActiveRule>> suite : suites.entrySet()) {
      writeSuite(report, id++, suite.getKey(), suite.getValue(), out);
    }
    out.write("</testsuites>\n");
    out.flush();
  }

  private void writeSuite(Report report, int id, String category, List<ActiveRule> rules,
      Writer out) throws IOException {
    ScanResult result = report.result();
    Map<ActiveRule, List<Finding>> failed = new LinkedHashMap<>();
    for (ActiveRule r : rules) {
      failed.put(r, failures(result, r.id()));
    }
    long failing = failed.values().stream().filter(l -> !l.isEmpty()).count();
    out.write("  <testsuite name=\"" + attr(category) + "\" package=\"procsweep\" id=\"" + id
        + "\" tests=\"" + rules.size() + "\" failures=\"" + failing
        + "\" errors=\"0\" skipped=\"0\" time=\"0\" timestamp=\""
        + SUITE_TIME.format(result.startedAt()) + "\" hostname=\""
        + attr(result.snapshot().host().hostname()) + "\">\n");
    writeProperties(report, failed, out);
    for (Map.Entry<ActiveRule, List<Finding>> c : failed.entrySet()) {
      ActiveRule rule = c.getKey();
      String open = "    <testcase name=\"" + attr(rule.id()) + "\" classname=\"procsweep."
          + attr(category) + "\" time=\"0\"";
      if (c.getValue().isEmpty()) {
        out.write(open + "/>\n");
        continue;
      }
      out.write(open + ">\n");
      for (Finding f : c.getValue()) {
        Match m = matchOf(f, rule.id());
        ProcessInfo p = f.process();
        out.write("      <failure type=\"" + m.severity().label() + "\" message=\""
            + attr("pid " + p.pid() + " " + p.name() + ": " + m.message()) + "\">");
        out.write(text(explanation(f, m)));
        out.write("</failure>\n");
      }
      out.write("    </testcase>\n");
    }
    out.write("  </testsuite>\n");
  }

  /** The scan's context, then per failing rule its pids, per failing process its identity. */
  private static void writeProperties(Report report, Map<ActiveRule, List<Finding>> failed,
      Writer out) throws IOException {
    Map<String, String> props = new LinkedHashMap<>();
    if (report.toolVersion() != null) {
      props.put("procsweep.version", report.toolVersion());
    }
    props.put("scan.startedAt", report.result().startedAt().toString());
    if (report.failOn() != null) {
      props.put("gate.failOn", report.failOn().label());
      props.put("gate.failed", Boolean.toString(report.gateFailed()));
    }
    Map<Integer, ProcessInfo> processes = new LinkedHashMap<>();
    for (Map.Entry<ActiveRule, List<Finding>> c : failed.entrySet()) {
      if (c.getValue().isEmpty()) {
        continue;
      }
      List<String> pids = new ArrayList<>();
      for (Finding f : c.getValue()) {
        pids.add(Integer.toString(f.process().pid()));
        processes.putIfAbsent(f.process().pid(), f.process());
      }
      props.put(c.getKey().id() + ".pids", String.join(",", pids));
    }
    for (ProcessInfo p : processes.values()) {
      props.put("pid." + p.pid() + ".startTime", startTime(p));
      if (p.cgroup() != null) {
        props.put("pid." + p.pid() + ".cgroup", p.cgroup());
      }
    }
    out.write("    <properties>\n");
    for (Map.Entry<String, String> e : props.entrySet()) {
      out.write("      <property name=\"" + attr(e.getKey()) + "\" value=\"" + attr(e.getValue())
          + "\"/>\n");
    }
    out.write("    </properties>\n");
  }

  /**
   * The rules by category, categories and rules sorted by name. The scan's evaluated rules,
   * plus any rule a finding matched that they lack (a result built without them).
   */
  static Map<String, List<ActiveRule>> suites(ScanResult result) {
    Map<String, ActiveRule> byId = new LinkedHashMap<>();
    for (ActiveRule r : result.rules()) {
      byId.putIfAbsent(r.id(), r);
    }
    for (Finding f : result.findings()) {
      for (Match m : f.matches()) {
        byId.putIfAbsent(m.rule(), new ActiveRule(m.rule(), m.category(), m.severity(),
            m.message()));
      }
    }
    Map<String, List<ActiveRule>> suites = new TreeMap<>();
    for (ActiveRule r : byId.values()) {
      suites.computeIfAbsent(r.category(), c -> new ArrayList<>()).add(r);
    }
    suites.values().forEach(l -> l.sort(Comparator.comparing(ActiveRule::id)));
    return suites;
  }

  /** The findings that matched {@code ruleId}, in the scan's order. */
  private static List<Finding> failures(ScanResult result, String ruleId) {
    return result.findings().stream().filter(f -> f.matched(ruleId)).toList();
  }

  private static Match matchOf(Finding f, String ruleId) {
    return f.matches().stream().filter(m -> m.rule().equals(ruleId)).findFirst()
        .orElseThrow();
  }

  /** Why the rule failed for this process, line by line: what an operator reads first. */
  static String explanation(Finding f, Match m) {
    ProcessInfo p = f.process();
    List<String> lines = new ArrayList<>();
    lines.add(m.rule() + " (" + m.severity().label() + "): " + m.message());
    lines.add("process: pid " + p.pid() + ", ppid " + p.ppid() + ", name " + p.name()
        + ", user " + (p.user() != null ? p.user() : p.uid() != null ? p.uid() : "unknown")
        + ", state " + p.state().label());
    lines.add("started: " + startTime(p) + " (age " + TableReportWriter.age(f.ageSeconds())
        + ")");
    if (p.cgroup() != null) {
      lines.add("cgroup: " + p.cgroup());
    }
    lines.add("command: " + p.commandLine());
    if (!f.evidence().isEmpty()) {
      List<String> facts = new ArrayList<>();
      f.evidence().forEach((k, v) -> facts.add(k + "=" + value(v)));
      lines.add("evidence: " + String.join(", ", facts));
    }
    List<Long> ports = f.context().allPorts();
    if (!ports.isEmpty()) {
      lines.add("ports: " + String.join(", ", ports.stream().map(String::valueOf).toList()));
    }
    Set<String> others = new LinkedHashSet<>();
    for (Match o : f.matches()) {
      if (!o.rule().equals(m.rule())) {
        others.add(o.rule() + " (" + o.severity().label() + ")");
      }
    }
    if (!others.isEmpty()) {
      lines.add("also matched: " + String.join(", ", others));
    }
    lines.add("cleanup: safe " + m.cleanup().safe().label() + ", forced "
        + m.cleanup().forced().label());
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      // Each line is escaped on its own, so only the line breaks put here stay line breaks.
      sb.append('\n').append(TerminalText.escape(line));
    }
    return sb.append('\n').toString();
  }

  private static String value(Object v) {
    if (v == null) {
      return "unknown";
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(x -> parts.add(value(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }

  private static String startTime(ProcessInfo p) {
    return Instant.ofEpochMilli(p.startTimeMs()).toString();
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }

  /** An attribute value: terminal-safe (one line), then XML-escaped. */
  static String attr(String s) {
    return xml(TerminalText.escape(s == null ? "" : s), true);
  }

  /** Element text already made terminal-safe line by line: XML-escaped. */
  private static String text(String s) {
    return xml(s, false);
  }

  private static String xml(String s, boolean attribute) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append(attribute ? "&quot;" : "\"");
        // Not characters in XML 1.0; TerminalText leaves them, so they are spelled out here.
        case '\uFFFE' -> sb.append("\\u{FFFE}");
        case '\uFFFF' -> sb.append("\\u{FFFF}");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
