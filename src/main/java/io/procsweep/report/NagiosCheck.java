package io.procsweep.report;

import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadFailure;
import io.procsweep.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a scan says as a Nagios check: a state, a one-line summary, performance data and a few
 * lines of long text. Pure: {@link NagiosReportWriter} prints it, the command takes its exit
 * code from {@link #status()}.
 *
 * <p>The state: UNKNOWN when the process table was not read whole (see {@link
 * ReadFailure#leavesTableIncomplete()}), since a missing row may be the very process that
 * matters; else CRITICAL when the number of findings in scope is what {@code --critical} alerts
 * on, WARNING for {@code --warning}, OK otherwise.
 *
 * @param status the state
 * @param summary the text after {@code PROCSWEEP STATE: }, one line, no {@code |}
 * @param perfdata the performance data, or empty when there is none (a scan that failed)
 * @param details the long-text lines, one per finding, at most {@link #MAX_DETAILS} plus one
 *     saying how many were left out
 */
public record NagiosCheck(NagiosStatus status, String summary, String perfdata,
    List<String> details) {
  /** Findings listed in the long text: a service page, not a report (the JSON one has all). */
  public static final int MAX_DETAILS = 20;
  /** Holes named in an UNKNOWN summary; the count covers the rest. */
  static final int MAX_HOLES = 3;

  public NagiosCheck {
    details = List.copyOf(details);
  }

  /** The check of a scan that ran. */
  public static NagiosCheck of(Report report, NagiosThresholds thresholds) {
    ScanResult result = report.result();
    Snapshot snapshot = result.snapshot();
    List<Finding> findings = result.findings();
    List<ReadFailure> holes = snapshot.unreadable().stream()
        .filter(ReadFailure::leavesTableIncomplete).collect(Collectors.toList());

    String counted = findings.isEmpty()
        ? "no findings in " + count(snapshot.processes().size(), "process", "processes")
        : count(findings.size(), "finding", "findings") + " in "
            + count(snapshot.processes().size(), "process", "processes") + ": "
            + byCategory(findings);
    NagiosStatus status;
    String summary;
    if (holes.isEmpty()) {
      status = thresholds.judge(findings.size());
      summary = counted;
    } else {
      status = NagiosStatus.UNKNOWN;
      summary = "the process table was not read whole (" + holes(holes) + "); " + counted
          + " read";
    }
    return new NagiosCheck(status, plain(summary), perfdata(result, thresholds),
        details(findings));
  }

  /** The check when no scan could run: UNKNOWN, the reason, and no data. */
  public static NagiosCheck failed(String sentence) {
    return new NagiosCheck(NagiosStatus.UNKNOWN, plain(sentence), "", List.of());
  }

  /**
   * The plugin output: {@code PROCSWEEP STATE: summary | perfdata}, then the long text, each
   * line ending in a newline.
   */
  public String text() {
    StringBuilder sb = new StringBuilder("PROCSWEEP ").append(status).append(": ").append(summary);
    if (!perfdata.isEmpty()) {
      sb.append(" | ").append(perfdata);
    }
    sb.append('\n');
    details.forEach(d -> sb.append(d).append('\n'));
    return sb.toString();
  }

  /**
   * Performance data as the Monitoring Plugins guidelines define it, {@code
   * label=value[UOM];[warn];[crit];[min];[max]}: the findings in scope with the thresholds that
   * judged them, the findings by the leading rule's category (the four the shipped rules use),
   * the processes read and the reads that failed.
   */
  static String perfdata(ScanResult result, NagiosThresholds thresholds) {
    Map<String, Long> categories = result.findings().stream()
        .collect(Collectors.groupingBy(Finding::category, Collectors.counting()));
    Snapshot snapshot = result.snapshot();
    return String.join(" ",
        perf("findings", result.findings().size(), thresholds.warning(), thresholds.critical()),
        perf("zombies", categories.getOrDefault("zombie", 0L), null, null),
        perf("orphans", categories.getOrDefault("orphan", 0L), null, null),
        perf("stale_listeners", categories.getOrDefault("stale-listener", 0L), null, null),
        perf("hung", categories.getOrDefault("hung", 0L), null, null),
        perf("processes", snapshot.processes().size(), null, null),
        perf("unreadable", snapshot.unreadable().size(), null, null));
  }

  private static String perf(String label, long value, NagiosRange warn, NagiosRange crit) {
    return label + "=" + value + ";" + (warn == null ? "" : warn) + ";"
        + (crit == null ? "" : crit) + ";0;";
  }

  /** "2 orphan, 1 zombie": most first, then by name. */
  private static String byCategory(List<Finding> findings) {
    Map<String, Long> counts = new TreeMap<>(findings.stream()
        .collect(Collectors.groupingBy(Finding::category, Collectors.counting())));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private static String holes(List<ReadFailure> holes) {
    List<String> named = new ArrayList<>();
    for (ReadFailure h : holes.subList(0, Math.min(MAX_HOLES, holes.size()))) {
      named.add((h.pid() == 0 ? "" : "pid " + h.pid() + " ") + h.what() + ": " + h.reason());
    }
    if (holes.size() > MAX_HOLES) {
      named.add((holes.size() - MAX_HOLES) + " more");
    }
    return String.join(", ", named);
  }

  private static List<String> details(List<Finding> findings) {
    List<String> lines = new ArrayList<>();
    for (Finding f : findings.subList(0, Math.min(MAX_DETAILS, findings.size()))) {
      ProcessInfo p = f.process();
      lines.add(plain(f.severity().label() + " " + f.rule() + ": pid " + p.pid() + " " + p.name()
          + (p.user() == null ? "" : " (" + p.user() + ")") + ": " + f.message()));
    }
    if (findings.size() > MAX_DETAILS) {
      lines.add((findings.size() - MAX_DETAILS) + " more findings (--format json lists all)");
    }
    return lines;
  }

  /**
   * Text a monitoring system shows as it is: terminal-safe ({@link TerminalText}: no newline
   * can start a line of its own), and without {@code |}, which would start performance data
   * (Nagios reads one after the first {@code |} of any line), spelt {@code \x7c} instead.
   */
  static String plain(String s) {
    return TerminalText.escape(s).replace("|", "\\x7c");
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
