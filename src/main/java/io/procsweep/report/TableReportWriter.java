package io.procsweep.report;

import io.procsweep.report.TextTable.Column;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.Match;
import io.procsweep.scan.ProcessContext;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human format, made to read at 80 columns: one row per finding (one per process), then
 * the summary and, last, the next step. Findings stay in the order the scan gives them
 * (severity descending, leading rule, pid), so the next step names the most severe one.
 *
 * <p>Columns, one blank apart as in ps: PID, PPID, USER; AGE, the time the process has been in
 * its state where a rule read that ({@code state_seconds}, marked {@code *} and explained under
 * the table), else its age; PORTS it (or its tree) listens on; SEV and FINDING, the leading rule
 * with "+N" when the process matched N more; COMMAND last, taking what width is left and
 * shortened by {@link CommandCut} so the distinguishing arguments stay. When the width is short,
 * FINDING, PORTS and USER give way before COMMAND drops under {@link #WANT_COMMAND}. Under a
 * row, a note says what else an operator asks first: the other rules it matched, the other
 * holders of its sockets, ports held by its descendants, its working directory, its session and
 * whether the leader lives, its container. Notes carry only what is known; the JSON report has
 * all of it.
 *
 * <p>The rows go through {@link TextTable}, which escapes everything taken from a process before
 * it is measured or printed: a process name is attacker-chosen text. Widths are counted in
 * terminal columns, so wide characters and combining accents keep a row within the width.
 */
public final class TableReportWriter implements ReportWriter {
  // Caps keep one long rule id or user name from eating the COMMAND column.
  private static final int MAX_FINDING = 32;
  private static final int MIN_FINDING = 14;
  private static final int MAX_USER = 12;
  private static final int MIN_USER = 5;
  private static final int MAX_PORTS = 15;
  private static final int MIN_PORTS = 5;
  /** COMMAND gets this much before other columns give way; never less than MIN_COMMAND. */
  static final int WANT_COMMAND = 30;
  private static final int MIN_COMMAND = 10;
  private static final String STATE_MARK = "*";
  private static final String STATE_LEGEND =
      STATE_MARK + " AGE: time in its current state; else time since it started";

  private final TableOptions options;

  public TableReportWriter(TableOptions options) {
    this.options = options;
  }

  public TableReportWriter() {
    this(TableOptions.defaults());
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    ScanResult result = report.result();
    Snapshot snapshot = result.snapshot();
    List<Finding> findings = result.findings();
    int processes = snapshot.processes().size();
    int width = options.width();

    if (findings.isEmpty()) {
      out.write("No findings in " + count(processes, "process", "processes") + ".\n");
    } else {
      writeTable(findings, out);
      out.write('\n');
      out.write(Lines.fit(summary(result), width));
    }
    if (report.gateFailed()) {
      String threshold = report.failOn() == null ? "" : " (--fail-on " + report.failOn().label() + ")";
      out.write("gate: failed" + threshold + "\n");
    }
    int failures = snapshot.unreadable().size();
    if (failures > 0) {
      out.write(Lines.fit(count(failures, "read", "reads")
          + " failed (use --format json for details)", width));
    }
    if (!findings.isEmpty()) {
      out.write(Lines.fit(nextStep(findings.get(0)), width));
    }
    out.flush();
  }

  /** What to run next about the most severe finding: the real commands, with its pid. */
  static String nextStep(Finding first) {
    int pid = first.process().pid();
    return "next: procsweep explain " + pid + " \u00b7 procsweep plan --pid " + pid;
  }

  private void writeTable(List<Finding> findings, Writer out) throws IOException {
    // A column of dashes helps no one: PORTS only when some process in the table listens.
    boolean ports = findings.stream().anyMatch(f -> !f.context().allPorts().isEmpty());
    List<Column> columns = new ArrayList<>(List.of(Column.right("PID"), Column.right("PPID"),
        Column.left("USER", MAX_USER).shrinksTo(MIN_USER), Column.right("AGE")));
    if (ports) {
      columns.add(Column.left("PORTS", MAX_PORTS).shrinksTo(MIN_PORTS));
    }
    int severity = columns.size();
    columns.add(Column.left("SEV"));
    columns.add(Column.left("FINDING", MAX_FINDING).shrinksTo(MIN_FINDING)
        .cutBy(TableReportWriter::cutRule));
    columns.add(Column.left("COMMAND").cutBy(CommandCut.INSTANCE));
    TextTable table = new TextTable(MIN_COMMAND, columns.toArray(new Column[0]))
        .wantLast(WANT_COMMAND).highlightColumn(severity).gap(1);
    boolean inState = false;
    for (Finding f : findings) {
      ProcessInfo p = f.process();
      Long stateSeconds = stateSeconds(f);
      inState |= stateSeconds != null;
      String ageCell = stateSeconds != null ? age(stateSeconds) + STATE_MARK : age(f.ageSeconds());
      List<String> cells = new ArrayList<>(List.of(Integer.toString(p.pid()),
          Integer.toString(p.ppid()), userOf(p), ageCell));
      if (ports) {
        List<Long> held = f.context().allPorts();
        cells.add(held.isEmpty() ? null : join(held, ","));
      }
      cells.add(f.severity().label());
      cells.add(ruleCell(f));
      cells.add(p.commandLine());
      table.addHighlighted(options.color() ? Sgr.severity(f.severity()) : null,
          cells.toArray(new String[0]));
      table.note(note(f));
    }
    out.write(table.render(options.width()));
    if (inState) {
      out.write(Lines.fit(STATE_LEGEND, options.width()));
    }
  }

  /** The {@code state_seconds} a matched rule read, when it is known. */
  private static Long stateSeconds(Finding f) {
    Object v = f.evidence().get("state_seconds");
    return v instanceof Number n ? (long) Math.floor(n.doubleValue()) : null;
  }

  /** The rule id cut at its end, the "+N" after it kept: {@code stale-listen… +2}. */
  static String cutRule(String cell, int width) {
    int plus = cell.lastIndexOf(" +");
    if (plus > 0 && width > TextTable.length(cell.substring(plus)) + 1) {
      String more = cell.substring(plus);
      return TextTable.truncate(cell.substring(0, plus), width - more.length()) + more;
    }
    return TextTable.truncate(cell, width);
  }

  /** The leading rule, and how many more the process matched. */
  private static String ruleCell(Finding f) {
    int more = f.matches().size() - 1;
    return more == 0 ? f.rule() : f.rule() + " +" + more;
  }

  /** The note under a finding's row, part by part; empty when there is nothing to add. */
  static List<String> note(Finding f) {
    List<String> parts = new ArrayList<>();
    List<Match> others = f.matches().subList(1, f.matches().size());
    if (!others.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Match m : others) {
        names.add(m.rule() + " (" + m.severity().label() + ")");
      }
      parts.add("also " + String.join(", ", names));
    }
    ProcessContext c = f.context();
    int pid = f.process().pid();
    if (c.listenerHolders() != null) {
      List<Long> shared = c.listenerHolders().stream().filter(h -> h != pid).toList();
      if (!shared.isEmpty()) {
        parts.add("sockets shared with " + join(shared, ", "));
      }
    }
    if (!c.descendantPorts().isEmpty()) {
      List<Long> holders = c.treeListeners() == null ? List.of()
          : c.treeListeners().stream().filter(h -> h != pid).toList();
      parts.add("descendants listen on " + join(c.descendantPorts(), ", ")
          + (holders.isEmpty() ? "" : " (held by pid " + join(holders, ", ") + ")"));
    }
    if (c.cwd() != null) {
      parts.add("cwd " + c.cwd());
    }
    parts.add(session(c, pid));
    if (c.container() != null) {
      parts.add("container " + c.container());
    }
    return parts;
  }

  /**
   * "session 4321, leader gone": null when there is no session to speak of (unknown, or 0 for
   * processes the kernel or init started outside any session).
   */
  private static String session(ProcessContext c, int pid) {
    Long sid = c.sessionId();
    if (sid == null || sid == 0) {
      return null;
    }
    if (sid == pid) {
      return "leads its session " + sid;
    }
    Boolean alive = c.sessionLeaderAlive();
    return "session " + sid
        + (alive == null ? "" : alive ? ", leader alive" : ", leader gone");
  }

  private static String join(List<Long> values, String separator) {
    List<String> out = new ArrayList<>();
    for (Long v : values) {
      out.add(Long.toString(v));
    }
    return String.join(separator, out);
  }

  /** "3 findings (1 high, 2 medium) in 1,523 processes, 12 listeners; scanned in 412 ms". */
  static String summary(ScanResult result) {
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Finding f : result.findings()) {
      bySeverity.merge(f.severity(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    Severity[] all = Severity.values();
    for (int i = all.length - 1; i >= 0; i--) {
      Integer n = bySeverity.get(all[i]);
      if (n != null) {
        parts.add(n + " " + all[i].label());
      }
    }
    Snapshot s = result.snapshot();
    return count(result.findings().size(), "finding", "findings")
        + " (" + String.join(", ", parts) + ")"
        + " in " + count(s.processes().size(), "process", "processes")
        + ", " + count(s.listeners().size(), "listener", "listeners")
        + "; scanned in " + String.format(Locale.ROOT, "%,d", result.durationMs()) + " ms";
  }

  /** Age at a glance: whole seconds, minutes, hours or days, rounded down. */
  static String age(long seconds) {
    long s = Math.max(0, seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 86400) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }

  /** The user name, else the uid, else "?": unknown is shown as unknown, never blank. */
  private static String userOf(ProcessInfo p) {
    if (p.user() != null) {
      return p.user();
    }
    return p.uid() != null ? p.uid().toString() : "?";
  }

  private static String count(long n, String one, String many) {
    return String.format(Locale.ROOT, "%,d", n) + " " + (n == 1 ? one : many);
  }
}
