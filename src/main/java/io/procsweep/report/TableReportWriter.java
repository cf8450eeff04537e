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
 * The human format: one row per finding (one per process), then a summary. Findings stay in the
 * order the scan gives them (severity descending, leading rule, pid). RULE is the leading rule,
 * with "+N" when the process matched N more; a PORTS column appears when some finding's process
 * (or its tree) listens. Under a row, a note says what else an operator asks first: the other
 * rules it matched, the other holders of its sockets, ports held by its descendants, its working
 * directory, its session and whether the leader lives, its container. Notes carry only what is
 * known; the JSON report has all of it.
 *
 * <p>The rows go through {@link TextTable}, which escapes everything taken from a process before
 * it is measured or printed: a process name is attacker-chosen text. Widths are counted in code
 * points, so East Asian wide characters can shift a row; the content is still safe and complete
 * up to the truncation mark.
 */
public final class TableReportWriter implements ReportWriter {
  // Caps keep one long rule id or user name from eating the COMMAND column.
  private static final int MAX_RULE = 32;
  private static final int MAX_USER = 16;
  private static final int MAX_NAME = 16; // Linux names (comm) are at most 15 bytes
  private static final int MAX_PORTS = 15;
  private static final int MIN_COMMAND = 10;

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

    if (findings.isEmpty()) {
      out.write("No findings in " + count(processes, "process", "processes") + ".\n");
    } else {
      writeTable(findings, out);
      out.write('\n');
      out.write(summary(result) + "\n");
    }
    if (report.gateFailed()) {
      String threshold = report.failOn() == null ? "" : " (--fail-on " + report.failOn().label() + ")";
      out.write("gate: failed" + threshold + "\n");
    }
    int failures = snapshot.unreadable().size();
    if (failures > 0) {
      out.write(count(failures, "read", "reads") + " failed (use --format json for details)\n");
    }
    out.flush();
  }

  private void writeTable(List<Finding> findings, Writer out) throws IOException {
    // A column of dashes helps no one: PORTS only when some process in the table listens.
    boolean ports = findings.stream().anyMatch(f -> !f.context().allPorts().isEmpty());
    List<Column> columns = new ArrayList<>(List.of(Column.left("SEVERITY"),
        Column.left("RULE", MAX_RULE), Column.right("PID"), Column.left("USER", MAX_USER),
        Column.right("AGE")));
    if (ports) {
      columns.add(Column.left("PORTS", MAX_PORTS));
    }
    columns.add(Column.left("NAME", MAX_NAME));
    columns.add(Column.left("COMMAND"));
    TextTable table = new TextTable(MIN_COMMAND, columns.toArray(new Column[0]));
    for (Finding f : findings) {
      ProcessInfo p = f.process();
      List<String> cells = new ArrayList<>(List.of(f.severity().label(), ruleCell(f),
          Integer.toString(p.pid()), userOf(p), age(f.ageSeconds())));
      if (ports) {
        List<Long> held = f.context().allPorts();
        cells.add(held.isEmpty() ? null : join(held, ","));
      }
      cells.add(p.name());
      cells.add(p.commandLine());
      table.addHighlighted(options.color() ? color(f.severity()) : null,
          cells.toArray(new String[0]));
      table.note(note(f));
    }
    out.write(table.render(options.width()));
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

  private static String color(Severity s) {
    switch (s) {
      case CRITICAL:
        return "\u001b[1;31m"; // bold red
      case HIGH:
        return "\u001b[31m"; // red
      case MEDIUM:
        return "\u001b[33m"; // yellow
      case LOW:
        return "\u001b[36m"; // cyan
      default:
        return "\u001b[2m"; // dim
    }
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
