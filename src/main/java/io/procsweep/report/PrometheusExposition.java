package io.procsweep.report;

import io.procsweep.scan.ActiveRule;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scan as Prometheus metrics, in the text exposition format 0.0.4: what node_exporter's
 * textfile collector reads from a {@code .prom} file and what {@code /metrics} serves
 * ({@link MetricsServer}). One builder for both, so a file and a scrape never disagree.
 *
 * <p>Names follow Prometheus conventions with the {@code procsweep_} prefix; no pid label (a
 * label per process would make a new series for every process that ever matched):
 *
 * <ul>
 *   <li>{@code procsweep_findings{rule,category,severity}}: findings by leading rule, with every
 *       rule the scan evaluated present, 0 when it found nothing, so an alert can tell "no
 *       finding" ({@code == 0}) from "not scanned" ({@code absent()});
 *   <li>{@code procsweep_processes{state}}: processes (not threads), every state present;
 *   <li>{@code procsweep_threads}, {@code procsweep_scan_duration_seconds}, {@code
 *       procsweep_unreadable_reads}, {@code procsweep_last_success_timestamp_seconds}, {@code
 *       procsweep_info{version,backend}} (always 1);
 *   <li>{@code procsweep_scans_total} and {@code procsweep_scan_failures_total}: counters, only
 *       when a loop (watch) passes its {@link Counters}.
 * </ul>
 *
 * Families are sorted by name and samples by their labels, so the same scan always gives the
 * same bytes.
 */
public final class PrometheusExposition {
  /** The HTTP Content-Type of this format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * What a scanning loop counts.
   *
   * @param scans scans attempted, failed ones included
   * @param failures scans that failed
   */
  public record Counters(long scans, long failures) {
    public Counters {
      if (scans < 0 || failures < 0 || failures > scans) {
        throw new IllegalArgumentException(
            "counters need 0 <= failures <= scans, got " + failures + " of " + scans);
      }
    }
  }

  private PrometheusExposition() {}

  /** The exposition of one scan (a {@code .prom} file): no counters. */
  public static String render(Report report) {
    return render(report, null);
  }

  /**
   * The exposition of the last successful scan and a loop's counters.
   *
   * @param report the last successful scan, or null when none has succeeded yet (only the
   *     counters are written then)
   * @param counters the loop's counters, or null for a single scan
   */
  public static String render(Report report, Counters counters) {
    List<Family> families = new ArrayList<>();
    if (report != null) {
      scan(report, families);
    }
    if (counters != null) {
      families.add(new Family("procsweep_scans_total", "counter",
          "Scans attempted since procsweep started, failed ones included.",
          List.of(new Sample("", Long.toString(counters.scans())))));
      families.add(new Family("procsweep_scan_failures_total", "counter",
          "Scans that could not read the process table since procsweep started.",
          List.of(new Sample("", Long.toString(counters.failures())))));
    }
    families.sort(Comparator.comparing(Family::name));
    StringBuilder sb = new StringBuilder(4096);
    for (Family f : families) {
      sb.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
      sb.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
      List<Sample> samples = new ArrayList<>(f.samples());
      samples.sort(Comparator.comparing(Sample::labels));
      for (Sample s : samples) {
        sb.append(f.name()).append(s.labels()).append(' ').append(s.value()).append('\n');
      }
    }
    return sb.toString();
  }

  private static void scan(Report report, List<Family> families) {
    ScanResult result = report.result();
    Snapshot snapshot = result.snapshot();

    // Every evaluated rule, then the rules of findings a hand-built result did not list.
    Map<String, RuleSeries> series = new LinkedHashMap<>();
    for (ActiveRule r : result.rules()) {
      series.put(r.id(), new RuleSeries(r.id(), r.category(), r.severity().label()));
    }
    for (Finding f : result.findings()) {
      series.computeIfAbsent(f.rule(),
          id -> new RuleSeries(id, f.category(), f.severity().label())).count++;
    }
    List<Sample> findings = new ArrayList<>();
    for (RuleSeries r : series.values()) {
      findings.add(new Sample(labels("rule", r.rule, "category", r.category, "severity",
          r.severity), Long.toString(r.count)));
    }
    families.add(new Family("procsweep_findings", "gauge",
        "Findings of the last scan by leading rule; every evaluated rule is present.",
        findings));

    Map<ProcState, Long> byState = new EnumMap<>(ProcState.class);
    for (ProcState s : ProcState.values()) {
      byState.put(s, 0L);
    }
    long threads = 0;
    for (ProcessInfo p : snapshot.processes()) {
      byState.merge(p.state(), 1L, Long::sum);
      threads += p.threads() == null ? 0 : p.threads();
    }
    List<Sample> processes = new ArrayList<>();
    byState.forEach((s, n) -> processes.add(new Sample(labels("state", s.label()),
        Long.toString(n))));
    families.add(new Family("procsweep_processes", "gauge",
        "Processes (not threads) by state in the last scan, kernel threads included.",
        processes));
    families.add(single("procsweep_threads", "Threads of all processes in the last scan.",
        Long.toString(threads)));
    families.add(single("procsweep_scan_duration_seconds",
        "How long the last scan took, CPU sample window included.",
        seconds(result.durationMs())));
    families.add(single("procsweep_unreadable_reads",
        "Reads that failed in the last scan (fields or tables that could not be read).",
        Integer.toString(snapshot.unreadable().size())));
    families.add(single("procsweep_last_success_timestamp_seconds",
        "Unix time when the last successful scan finished.",
        seconds(result.startedAt().toEpochMilli() + result.durationMs())));
    families.add(new Family("procsweep_info", "gauge",
        "procsweep's version and the process table backend; always 1.",
        List.of(new Sample(labels("version", report.toolVersion(), "backend",
            snapshot.backend()), "1"))));
  }

  private static Family single(String name, String help, String value) {
    return new Family(name, "gauge", help, List.of(new Sample("", value)));
  }

  /** {@code {a="x",b="y"}} from name, value pairs, values escaped. */
  private static String labels(String... pairs) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(pairs[i]).append("=\"").append(escapeLabel(pairs[i + 1])).append('"');
    }
    return sb.append('}').toString();
  }

  /** A label value as the format requires: backslash, double quote and newline escaped. */
  static String escapeLabel(String value) {
    String v = value == null ? "" : value;
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** HELP text as the format requires: backslash and newline escaped. */
  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** Milliseconds as decimal seconds, exact: 412 → 0.412, 1500 → 1.5, 0 → 0. */
  static String seconds(long ms) {
    return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
  }

  /** One series of procsweep_findings while it is counted. */
  private static final class RuleSeries {
    final String rule;
    final String category;
    final String severity;
    long count;

    RuleSeries(String rule, String category, String severity) {
      this.rule = rule;
      this.category = category;
      this.severity = severity;
    }
  }

  /** One metric family: its samples, with HELP and TYPE. */
  private record Family(String name, String type, String help, List<Sample> samples) {}

  /** One sample: its rendered labels ({@code ""} for none) and value. */
  private record Sample(String labels, String value) {}
}
