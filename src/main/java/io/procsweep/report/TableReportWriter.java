package io.procsweep.report;

import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
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
 * The human format: one line per finding, then a summary. Findings stay in the order the scan
 * gives them (severity descending, rule, pid).
 *
 * <p>Everything taken from a process goes through {@link TerminalText#escape} before it is
 * measured or printed: this output goes to a terminal, and a process name is attacker-chosen
 * text. Widths are counted in code points, so East Asian wide characters can shift a row; the
 * content is still safe and complete up to the truncation mark.
 */
public final class TableReportWriter implements ReportWriter {
  static final String ELLIPSIS = "\u2026";
  private static final String GAP = "  ";
  // Caps keep one long rule id or user name from eating the COMMAND column.
  private static final int MAX_RULE = 32;
  private static final int MAX_USER = 16;
  private static final int MAX_NAME = 20;
  private static final int MIN_COMMAND = 10;

  private static final String RESET = "\u001b[0m";

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
    List<String[]> rows = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      ProcessInfo p = f.process();
      rows.add(
          new String[] {
            f.severity().label(),
            TerminalText.escape(f.rule()),
            Integer.toString(p.pid()),
            TerminalText.escape(userOf(p)),
            age(f.ageSeconds()),
            TerminalText.escape(p.name()),
            TerminalText.escape(p.commandLine())
          });
    }
    String[] header = {"SEVERITY", "RULE", "PID", "USER", "AGE", "NAME", "COMMAND"};
    int[] caps = {Integer.MAX_VALUE, MAX_RULE, Integer.MAX_VALUE, MAX_USER, Integer.MAX_VALUE,
        MAX_NAME};
    int[] widths = new int[header.length];
    for (int c = 0; c < caps.length; c++) {
      int w = length(header[c]);
      for (String[] row : rows) {
        w = Math.max(w, length(row[c]));
      }
      widths[c] = Math.min(w, caps[c]);
    }
    int used = 0;
    for (int c = 0; c < caps.length; c++) {
      used += widths[c] + GAP.length();
    }
    widths[6] = Math.max(MIN_COMMAND, options.width() - used);

    out.write(line(header, widths, null));
    for (int i = 0; i < rows.size(); i++) {
      out.write(line(rows.get(i), widths, findings.get(i).severity()));
    }
  }

  /** One row; the severity, when given and color is on, colors the first cell. */
  private String line(String[] cells, int[] widths, Severity severity) {
    StringBuilder sb = new StringBuilder(options.width() + 16);
    for (int c = 0; c < cells.length; c++) {
      String text = truncate(cells[c], widths[c]);
      boolean last = c == cells.length - 1;
      // Numbers right-aligned so magnitudes line up; the last column is not padded, so no
      // trailing blanks.
      boolean right = c == 2 || c == 4;
      int pad = last ? 0 : widths[c] - length(text);
      if (right) {
        sb.append(" ".repeat(pad));
      }
      if (c == 0 && severity != null && options.color()) {
        sb.append(color(severity)).append(text).append(RESET);
      } else {
        sb.append(text);
      }
      if (!right) {
        sb.append(" ".repeat(pad));
      }
      if (!last) {
        sb.append(GAP);
      }
    }
    return sb.append('\n').toString();
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

  /** At most {@code width} code points, the last one an ellipsis when something was cut. */
  static String truncate(String s, int width) {
    if (length(s) <= width) {
      return s;
    }
    if (width <= 0) {
      return "";
    }
    int end = s.offsetByCodePoints(0, width - 1);
    return s.substring(0, end) + ELLIPSIS;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  private static String count(long n, String one, String many) {
    return String.format(Locale.ROOT, "%,d", n) + " " + (n == 1 ? one : many);
  }
}
