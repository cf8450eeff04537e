package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadFailure;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.testing.NagiosOutput;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Nagios check of the fixed report: each state, its text, and perfdata by the grammar. */
class NagiosCheckTest {
  private static NagiosThresholds thresholds(String warning, String critical) {
    return new NagiosThresholds(warning == null ? null : NagiosRange.parse(warning),
        critical == null ? null : NagiosRange.parse(critical));
  }

  private static String write(Report report, NagiosThresholds t) throws IOException {
    StringWriter out = new StringWriter();
    new NagiosReportWriter(t).write(report, out);
    return out.toString();
  }

  private static Report withFailures(List<ReadFailure> extra) {
    Report r = ReportFixtures.report();
    Snapshot s = r.result().snapshot();
    List<ReadFailure> failures = new ArrayList<>(s.unreadable());
    failures.addAll(extra);
    Snapshot holed = new Snapshot(s.takenAt(), s.backend(), s.host(), s.processes(),
        s.listeners(), failures);
    ScanResult res = r.result();
    return new Report(r.toolVersion(), new ScanResult(res.startedAt(), res.durationMs(),
        res.sampleMs(), holed, res.findings(), res.ruleSets(), res.rules()), null, false);
  }

  @Test
  void anyFindingWarnsByDefault() throws IOException {
    String text = write(ReportFixtures.report(), NagiosThresholds.DEFAULT);
    NagiosOutput out = NagiosOutput.parse(text);
    assertEquals("WARNING", out.state());
    assertEquals("PROCSWEEP WARNING: 4 findings in 6 processes: 1 custom, 1 hung, 1 orphan,"
        + " 1 zombie | findings=4;0;;0; zombies=1;;;0; orphans=1;;;0; stale_listeners=0;;;0;"
        + " hung=1;;;0; processes=6;;;0; unreadable=2;;;0;", text.lines().findFirst().get());
    assertEquals(new NagiosOutput.Perf("4", "", "0", "", "0", ""), out.perf().get("findings"));
    assertEquals(List.of("findings", "zombies", "orphans", "stale_listeners", "hung",
        "processes", "unreadable"), List.copyOf(out.perf().keySet()));
    assertEquals(NagiosStatus.WARNING,
        NagiosCheck.of(ReportFixtures.report(), NagiosThresholds.DEFAULT).status());
  }

  @Test
  void theLongTextIsOneEscapedLinePerFindingInReportOrder() throws IOException {
    NagiosOutput out = NagiosOutput.parse(write(ReportFixtures.report(), NagiosThresholds.DEFAULT));
    assertEquals(List.of(
        "high zombie: pid 4242 defunct-worker (alice): exited but not reaped by its parent",
        "medium hung-cpu: pid 2001 node (alice): spinning a full core",
        "medium orphaned-dev-server: pid 31337 uvicorn: development server reparented out of"
            + " the session that started it",
        "low suspicious-name: pid 666 evil\\e]0;pwned\\x07\\n\\xff (mallory): name holds control"
            + " characters"), out.longText());
  }

  @Test
  void criticalIsCheckedBeforeWarning() throws IOException {
    NagiosOutput out = NagiosOutput.parse(write(ReportFixtures.report(), thresholds("0", "3")));
    assertEquals("CRITICAL", out.state());
    assertEquals(new NagiosOutput.Perf("4", "", "0", "3", "0", ""), out.perf().get("findings"));
    assertEquals("WARNING",
        NagiosOutput.parse(write(ReportFixtures.report(), thresholds("0", "4"))).state());
  }

  @Test
  void withinTheRangesIsOk() throws IOException {
    NagiosOutput out =
        NagiosOutput.parse(write(ReportFixtures.report(), thresholds("5", "~:10")));
    assertEquals("OK", out.state());
    assertEquals(new NagiosOutput.Perf("4", "", "5", "~:10", "0", ""),
        out.perf().get("findings"));
    // 10: alerts below 10, and 4 is.
    assertEquals("CRITICAL",
        NagiosOutput.parse(write(ReportFixtures.report(), thresholds("5", "10:"))).state());
  }

  @Test
  void noFindingsIsOk() throws IOException {
    String text = write(ReportFixtures.emptyReport(), NagiosThresholds.DEFAULT);
    assertEquals("PROCSWEEP OK: no findings in 6 processes | findings=0;0;;0; zombies=0;;;0;"
        + " orphans=0;;;0; stale_listeners=0;;;0; hung=0;;;0; processes=6;;;0;"
        + " unreadable=2;;;0;\n", text);
  }

  @Test
  void holesInTheTableAreUnknownWhateverTheFindings() throws IOException {
    Report holed = withFailures(List.of(
        new ReadFailure(0, "net/tcp", "access denied"),
        new ReadFailure(900, "stat", "access denied"),
        new ReadFailure(901, "stat", "process exited"),
        new ReadFailure(902, "exe", "access denied")));
    NagiosOutput out = NagiosOutput.parse(write(holed, thresholds("~:", null)));
    assertEquals("UNKNOWN", out.state());
    assertEquals("the process table was not read whole (net/tcp: access denied, pid 900 stat:"
        + " access denied); 4 findings in 6 processes: 1 custom, 1 hung, 1 orphan, 1 zombie"
        + " read", out.summary());
    assertEquals(6, out.value("unreadable"));
  }

  @Test
  void aProcessThatExitedOrAFieldOfAnotherUsersProcessIsNoHole() throws IOException {
    Report fine = withFailures(List.of(
        new ReadFailure(901, "stat", "process exited"),
        new ReadFailure(0, "net/tcp6", "process exited"),
        new ReadFailure(902, "exe", "access denied"),
        new ReadFailure(902, "fd", "access denied"),
        new ReadFailure(902, "cwd", "access denied"),
        new ReadFailure(903, "status", "access denied")));
    assertEquals("OK", NagiosOutput.parse(write(fine, thresholds("~:", null))).state());
  }

  @Test
  void manyHolesAreCounted() {
    List<ReadFailure> holes = new ArrayList<>();
    for (int pid = 100; pid < 110; pid++) {
      holes.add(new ReadFailure(pid, "stat", "access denied"));
    }
    NagiosCheck check = NagiosCheck.of(withFailures(holes), NagiosThresholds.DEFAULT);
    assertEquals(NagiosStatus.UNKNOWN, check.status());
    assertTrue(check.summary().startsWith("the process table was not read whole (pid 100 stat:"
        + " access denied, pid 101 stat: access denied, pid 102 stat: access denied, 7 more);"),
        check.summary());
  }

  @Test
  void aBarInAProcessNameCannotStartPerformanceData() throws IOException {
    Report r = ReportFixtures.report();
    ProcessInfo p = ReportFixtures.SPIN;
    ProcessInfo piped = new ProcessInfo(p.pid(), p.ppid(), "a|b=1;2;3", p.exe(), p.cmdline(),
        "x|y", p.uid(), p.state(), p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(),
        p.threads(), p.pgid(), p.sid(), p.tty(), p.cgroup(), p.kernelThread());
    Finding f = new Finding("r|ule", "hung", Severity.HIGH, "msg | more", piped, 5, Map.of(),
        CleanupSpec.NONE);
    String text = write(new Report("t", r.result().withFindings(List.of(f)), null, false),
        NagiosThresholds.DEFAULT);
    NagiosOutput out = NagiosOutput.parse(text);
    assertEquals(List.of("high r\\x7cule: pid 2001 a\\x7cb=1;2;3 (x\\x7cy): msg \\x7c more"),
        out.longText());
    assertEquals(1, out.value("findings"));
  }

  @Test
  void theLongTextStopsAtTwentyFindings() {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(ReportFixtures.findings().get(0));
    }
    Report r = ReportFixtures.report();
    NagiosCheck check = NagiosCheck.of(
        new Report("t", r.result().withFindings(many), null, false), NagiosThresholds.DEFAULT);
    assertEquals(21, check.details().size());
    assertEquals("5 more findings (--format json lists all)", check.details().get(20));
  }

  @Test
  void aFailedScanIsOneUnknownLineWithoutData() {
    NagiosCheck check = NagiosCheck.failed("cannot read the process table: cannot list /proc/");
    assertEquals("PROCSWEEP UNKNOWN: cannot read the process table: cannot list /proc/\n",
        check.text());
    NagiosOutput out = NagiosOutput.parse(check.text());
    assertEquals("UNKNOWN", out.state());
    assertTrue(out.perf().isEmpty());
    assertFalse(NagiosCheck.failed("a\nb|c").text().contains("|"));
  }
}
