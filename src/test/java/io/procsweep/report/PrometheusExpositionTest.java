package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.ActiveRule;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.testing.PromTools;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The exposition of the fixed report, byte for byte, and promtool's verdict on it. */
class PrometheusExpositionTest {
  static final String EXPECTED = """
      # HELP procsweep_findings Findings of the last scan by leading rule; every evaluated rule is present.
      # TYPE procsweep_findings gauge
      procsweep_findings{rule="hung-cpu",category="hung",severity="medium"} 1
      procsweep_findings{rule="orphan-lost-session",category="orphan",severity="medium"} 0
      procsweep_findings{rule="orphaned-dev-server",category="orphan",severity="medium"} 1
      procsweep_findings{rule="stale-listener",category="stale-listener",severity="medium"} 0
      procsweep_findings{rule="suspicious-name",category="custom",severity="low"} 1
      procsweep_findings{rule="zombie",category="zombie",severity="high"} 1
      procsweep_findings{rule="zombie-hoarder",category="zombie",severity="high"} 0
      # HELP procsweep_info procsweep's version and the process table backend; always 1.
      # TYPE procsweep_info gauge
      procsweep_info{version="0.1.0-test",backend="proc"} 1
      # HELP procsweep_last_success_timestamp_seconds Unix time when the last successful scan finished.
      # TYPE procsweep_last_success_timestamp_seconds gauge
      procsweep_last_success_timestamp_seconds 1740830399.912
      # HELP procsweep_processes Processes (not threads) by state in the last scan, kernel threads included.
      # TYPE procsweep_processes gauge
      procsweep_processes{state="disk-sleep"} 0
      procsweep_processes{state="idle"} 0
      procsweep_processes{state="other"} 0
      procsweep_processes{state="running"} 2
      procsweep_processes{state="sleeping"} 3
      procsweep_processes{state="stopped"} 0
      procsweep_processes{state="zombie"} 1
      # HELP procsweep_scan_duration_seconds How long the last scan took, CPU sample window included.
      # TYPE procsweep_scan_duration_seconds gauge
      procsweep_scan_duration_seconds 0.412
      # HELP procsweep_threads Threads of all processes in the last scan.
      # TYPE procsweep_threads gauge
      procsweep_threads 17
      # HELP procsweep_unreadable_reads Reads that failed in the last scan (fields or tables that could not be read).
      # TYPE procsweep_unreadable_reads gauge
      procsweep_unreadable_reads 2
      """;

  @Test
  void theFixedReportIsExactlyThis() throws Exception {
    StringWriter out = new StringWriter();
    new PrometheusReportWriter().write(ReportFixtures.report(), out);
    assertEquals(EXPECTED, out.toString());
  }

  @Test
  void promtoolAcceptsItAndRejectsItWithoutHelp() throws Exception {
    String text = PrometheusExposition.render(ReportFixtures.report(),
        new PrometheusExposition.Counters(7, 2));
    PromTools.assertValid(text);
    // The check is a real one: the same text without its HELP lines is refused.
    String noHelp = text.lines().filter(l -> !l.startsWith("# HELP"))
        .collect(Collectors.joining("\n", "", "\n"));
    assertNotEquals(0, PromTools.checkMetrics(noHelp).code(), "promtool should lint: " + noHelp);
  }

  @Test
  void everyEvaluatedRuleIsPresentWithZeroWhenNothingMatched() {
    String text = PrometheusExposition.render(ReportFixtures.emptyReport());
    List<String> findings = text.lines().filter(l -> l.startsWith("procsweep_findings{"))
        .toList();
    assertEquals(ReportFixtures.RULES.size(), findings.size(), text);
    assertTrue(findings.stream().allMatch(l -> l.endsWith("} 0")), text);
  }

  @Test
  void labelValuesEscapeBackslashQuoteAndNewline() throws Exception {
    Report r = ReportFixtures.report();
    ActiveRule odd = new ActiveRule("odd\"rule", "cat\\egory\nnext", Severity.LOW, null);
    Finding f = new Finding("odd\"rule", "cat\\egory\nnext", Severity.LOW, "m",
        ReportFixtures.SPIN, 1, Map.of(), CleanupSpec.NONE);
    ScanResult res = r.result();
    Report oddReport = new Report("1.0 \"beta\"", new ScanResult(res.startedAt(),
        res.durationMs(), res.sampleMs(), res.snapshot(), List.of(f), res.ruleSets(),
        List.of(odd)), null, false);
    String text = PrometheusExposition.render(oddReport);
    assertTrue(text.contains("procsweep_findings{rule=\"odd\\\"rule\","
        + "category=\"cat\\\\egory\\nnext\",severity=\"low\"} 1\n"), text);
    assertTrue(text.contains("procsweep_info{version=\"1.0 \\\"beta\\\"\",backend=\"proc\"} 1\n"),
        text);
    PromTools.assertValid(text);
  }

  @Test
  void aLoopsCountersStandAloneBeforeTheFirstScan() throws Exception {
    String text = PrometheusExposition.render(null, new PrometheusExposition.Counters(3, 3));
    assertEquals("""
        # HELP procsweep_scan_failures_total Scans that could not read the process table since procsweep started.
        # TYPE procsweep_scan_failures_total counter
        procsweep_scan_failures_total 3
        # HELP procsweep_scans_total Scans attempted since procsweep started, failed ones included.
        # TYPE procsweep_scans_total counter
        procsweep_scans_total 3
        """, text);
    PromTools.assertValid(text);
  }

  @Test
  void findingsOfARuleTheResultDidNotListStillCount() {
    Report r = ReportFixtures.report();
    ScanResult res = r.result();
    Report unlisted = new Report("t", new ScanResult(res.startedAt(), res.durationMs(),
        res.sampleMs(), res.snapshot(), res.findings(), res.ruleSets()), null, false);
    List<String> findings = PrometheusExposition.render(unlisted).lines()
        .filter(l -> l.startsWith("procsweep_findings{")).toList();
    assertEquals(List.of(
        "procsweep_findings{rule=\"hung-cpu\",category=\"hung\",severity=\"medium\"} 1",
        "procsweep_findings{rule=\"orphaned-dev-server\",category=\"orphan\",severity=\"medium\"} 1",
        "procsweep_findings{rule=\"suspicious-name\",category=\"custom\",severity=\"low\"} 1",
        "procsweep_findings{rule=\"zombie\",category=\"zombie\",severity=\"high\"} 1"), findings);
  }

  @Test
  void secondsAreExactDecimals() {
    assertEquals("0", PrometheusExposition.seconds(0));
    assertEquals("0.001", PrometheusExposition.seconds(1));
    assertEquals("1.5", PrometheusExposition.seconds(1500));
    assertEquals("1740830399.912", PrometheusExposition.seconds(1740830399912L));
  }
}
