package io.procsweep.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.report.JsonReportWriter;
import io.procsweep.report.Report;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.testing.Procs;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --baseline}: a rule on the same incarnation of a process (pid, start, name) is known. */
class BaselineTest {
  private static final long START = Procs.NOW.toEpochMilli() - 600_123;

  private static ProcessInfo proc(int pid, String name, long start) {
    return new ProcessInfo(pid, 1, name, "/usr/bin/" + name, List.of(name, "--serve"), "alice",
        1000, ProcState.SLEEPING, start, 0, 0, null, 1, pid, 300, null, null, false);
  }

  private static Match match(String rule, Severity severity) {
    return new Match(rule, "orphan", severity, rule, CleanupSpec.NONE);
  }

  private static Finding finding(ProcessInfo p, Match... matches) {
    return new Finding(p, 600, List.of(matches), Map.of(), ProcessContext.UNKNOWN);
  }

  private static ScanResult result(List<Finding> findings) {
    Snapshot s = Procs.snapshot(findings.stream().map(Finding::process).toList(), List.of());
    return new ScanResult(Procs.NOW, 5, 0, s, findings, List.of());
  }

  /** The baseline as scan --format json writes it: the same round trip the CLI makes. */
  private static Baseline baselineOf(Finding... findings) throws Exception {
    StringWriter json = new StringWriter();
    new JsonReportWriter().write(new Report("test", result(List.of(findings)), null, false), json);
    return Baseline.parse(json.toString(), "base.json");
  }

  private static final ProcessInfo VITE = proc(4242, "node", START);

  @Test
  void theSameRuleOnTheSameProcessIsKnown() throws Exception {
    Baseline b = baselineOf(finding(VITE, match("orphaned-dev-server", Severity.HIGH)));
    assertEquals(List.of(), b.newFindings(List.of(
        finding(VITE, match("orphaned-dev-server", Severity.HIGH)))));
  }

  @Test
  void aReusedPidOrAnExecIsANewProcess() throws Exception {
    Baseline b = baselineOf(finding(VITE, match("orphaned-dev-server", Severity.HIGH)));
    Finding reused = finding(proc(4242, "node", START + 1), match("orphaned-dev-server",
        Severity.HIGH));
    Finding execd = finding(proc(4242, "python3", START), match("orphaned-dev-server",
        Severity.HIGH));
    Finding other = finding(proc(4243, "node", START), match("orphaned-dev-server",
        Severity.HIGH));
    assertEquals(List.of(reused, execd, other), b.newFindings(List.of(reused, execd, other)));
  }

  @Test
  void aKnownProcessMatchingANewRuleKeepsOnlyThatRuleAndIsJudgedByIt() throws Exception {
    Baseline b = baselineOf(finding(VITE, match("orphaned-dev-server", Severity.HIGH)));
    Finding now = finding(VITE, match("orphaned-dev-server", Severity.HIGH),
        match("hung-process", Severity.LOW));
    List<Finding> fresh = b.newFindings(List.of(now));
    assertEquals(1, fresh.size());
    assertEquals(List.of("hung-process"), fresh.get(0).ruleIds());
    assertEquals(Severity.LOW, fresh.get(0).severity(), "a --fail-on high gate stays green");
  }

  @Test
  void everyRuleOfAV2FindingIsKnownAndAV1ReportIsRead() throws Exception {
    Baseline v2 = baselineOf(finding(VITE, match("a", Severity.HIGH), match("b", Severity.LOW)));
    assertEquals(2, v2.size());
    String v1 = """
        {"schema": "procsweep/report/v1", "findings": [
          {"rule": "zombie", "process": {"pid": 77, "name": "defunct",
           "startTime": "2026-11-21T11:50:00.000Z"}}]}
        """;
    Baseline b = Baseline.parse(v1, "old.json");
    ProcessInfo zombie = proc(77, "defunct",
        java.time.Instant.parse("2026-11-21T11:50:00Z").toEpochMilli());
    assertEquals(List.of(), b.newFindings(List.of(finding(zombie, match("zombie",
        Severity.HIGH)))));
  }

  @Test
  void theResultKeepsTheScannersOrder() throws Exception {
    Baseline b = baselineOf(finding(VITE, match("z-rule", Severity.CRITICAL)));
    Finding narrowed = finding(VITE, match("z-rule", Severity.CRITICAL),
        match("a-rule", Severity.LOW));
    Finding medium = finding(proc(5000, "sleep", START), match("m-rule", Severity.MEDIUM));
    // Before: the narrowed one led (critical); after, its low rule sorts it last.
    List<Finding> fresh = b.filter(result(List.of(narrowed, medium))).findings();
    assertEquals(List.of(5000, 4242), fresh.stream().map(f -> f.process().pid()).toList());
  }

  @Test
  void aBadFileIsOneSentenceNamingIt(@TempDir Path dir) throws Exception {
    assertEquals("cannot read baseline " + dir.resolve("none.json") + ": no such file",
        assertThrows(BaselineException.class,
            () -> Baseline.read(dir.resolve("none.json"))).getMessage());
    assertEquals("cannot read baseline " + dir + ": not a regular file (directory)",
        assertThrows(BaselineException.class, () -> Baseline.read(dir)).getMessage());
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"schema\": ");
    assertTrue(assertThrows(BaselineException.class, () -> Baseline.read(broken)).getMessage()
        .startsWith("baseline " + broken + " is not valid JSON (line 1"));
    assertEquals("baseline p.json is not a procsweep scan report (expected \"schema\":"
        + " \"procsweep/report/v2\" or v1, from scan --format json)",
        assertThrows(BaselineException.class, () -> Baseline.parse(
            "{\"schema\": \"procsweep/plan/v1\"}", "p.json")).getMessage());
    assertEquals("baseline r.json: findings[0] lacks its process's pid, name or startTime",
        assertThrows(BaselineException.class, () -> Baseline.parse(
            "{\"schema\": \"procsweep/report/v2\", \"findings\": [{\"rule\": \"x\","
                + " \"process\": {\"pid\": \"7\"}}]}", "r.json")).getMessage());
    assertEquals("baseline r.json: findings[0].process.startTime is no timestamp: yesterday",
        assertThrows(BaselineException.class, () -> Baseline.parse(
            "{\"schema\": \"procsweep/report/v2\", \"findings\": [{\"rule\": \"x\","
                + " \"process\": {\"pid\": 7, \"name\": \"n\", \"startTime\": \"yesterday\"}}]}",
            "r.json")).getMessage());
    assertEquals("baseline r.json has no findings array",
        assertThrows(BaselineException.class, () -> Baseline.parse(
            "{\"schema\": \"procsweep/report/v2\"}", "r.json")).getMessage());
  }
}
