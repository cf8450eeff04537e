package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.Match;
import io.procsweep.scan.ProcessContext;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableReportWriterTest {

  private static String write(Report report, TableOptions options) throws IOException {
    StringWriter out = new StringWriter();
    new TableReportWriter(options).write(report, out);
    return out.toString();
  }

  @Test
  void golden() throws IOException {
    String expected =
        String.join(
            "\n",
            "SEVERITY  RULE                      PID  USER     AGE  PORTS      NAME              COMMAND",
            "high      zombie                   4242  alice     2d  -          defunct-worker    [defunct-worker]",
            "medium    hung-cpu                 2001  alice    12m  -          node              node /home/alic\u2026",
            "medium    orphaned-dev-server +1  31337  ?         3h  8000,8001  uvicorn           python3 -m uvic\u2026",
            "          also orphan-lost-session (medium); sockets shared with 31340; descendants listen on 8001",
            "          cwd /home/alice/api\\e[2J; session 30990, leader gone",
            "low       suspicious-name           666  mallory  45s  -          evil\\e]0;pwned\\\u2026  sh -c printf '\\\u2026",
            "",
            "4 findings (1 high, 2 medium, 1 low) in 6 processes, 3 listeners; scanned in 412 ms",
            "gate: failed (--fail-on high)",
            "2 reads failed (use --format json for details)",
            "");
    assertEquals(expected, write(ReportFixtures.report(), new TableOptions(100, false)));
  }

  @Test
  void defaultWidthIs120AndShortCommandsAreWhole() throws IOException {
    // The no-argument constructor means the documented defaults.
    StringWriter sw = new StringWriter();
    new TableReportWriter().write(ReportFixtures.report(), sw);
    String out = sw.toString();
    for (String line : out.split("\n")) {
      assertTrue(line.codePointCount(0, line.length()) <= 120, line);
    }
    assertTrue(out.contains("  [defunct-worker]\n"), out);
    assertTrue(out.contains("  python3 -m uvicorn app:main --port \u2026\n"), out);
    assertTrue(out.contains("  node /home/alice/projects/webapp/no\u2026\n"), out);
    // The note wraps between its parts, never inside one, indented under RULE.
    assertTrue(out.contains("\n          also orphan-lost-session (medium); sockets shared with"
        + " 31340; descendants listen on 8001\n          cwd /home/alice/api\\e[2J; session 30990,"
        + " leader gone\n"), out);
  }

  @Test
  void linesNeverExceedTheWidthWhileTheCommandHasRoom() throws IOException {
    // 94: the other columns of this table, and the 10 the command gets at the least.
    for (int width : new int[] {94, 100, 133, 200}) {
      String out = write(ReportFixtures.report(), new TableOptions(width, false));
      for (String line : out.split("\n")) {
        assertTrue(line.codePointCount(0, line.length()) <= width, width + ": " + line);
      }
    }
  }

  @Test
  void narrowTerminalsStillShowSomeCommand() throws IOException {
    String out = write(ReportFixtures.report(), new TableOptions(20, false));
    assertTrue(out.contains("  python3 -\u2026\n"), out);
  }

  @Test
  void noFindings() throws IOException {
    assertEquals(
        "No findings in 6 processes.\n2 reads failed (use --format json for details)\n",
        write(ReportFixtures.emptyReport(), TableOptions.defaults()));
  }

  @Test
  void singularsAndThousands() throws IOException {
    List<ProcessInfo> many = new ArrayList<>();
    for (int pid = 1; pid <= 1523; pid++) {
      many.add(process(pid, "p" + pid, List.of()));
    }
    Snapshot base = ReportFixtures.snapshot();
    Snapshot big = new Snapshot(base.takenAt(), "proc", base.host(), many,
        base.listeners().subList(0, 1), base.unreadable().subList(0, 1));
    Finding one = new Finding("r", "c", Severity.CRITICAL, "m", many.get(0), 5, Map.of(),
        CleanupSpec.NONE);
    ScanResult result =
        new ScanResult(base.takenAt(), 12_345, 0, big, List.of(one), List.of());
    String out = write(new Report("v", result, null, false), TableOptions.defaults());
    assertTrue(out.endsWith("\n1 finding (1 critical) in 1,523 processes, 1 listener; scanned in"
        + " 12,345 ms\n1 read failed (use --format json for details)\n"), out);
    assertFalse(out.contains("gate:"));

    Snapshot single = new Snapshot(base.takenAt(), "proc", base.host(), many.subList(0, 1),
        List.of(), List.of());
    ScanResult empty = new ScanResult(base.takenAt(), 1, 0, single, List.of(), List.of());
    assertEquals("No findings in 1 process.\n",
        write(new Report("v", empty, Severity.LOW, false), TableOptions.defaults()));
  }

  @Test
  void hostileProcessTextNeverReachesTheTerminalRaw() throws IOException {
    for (boolean color : new boolean[] {false, true}) {
      String out = write(ReportFixtures.report(), new TableOptions(400, color));
      String withoutOwnColors = out.replaceAll("\u001b\\[[0-9;]*m", "");
      for (char c : withoutOwnColors.toCharArray()) {
        boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f);
        assertFalse(control, "raw control U+" + Integer.toHexString(c) + " in\n" + out);
        assertFalse(c == '\u202e', "raw bidi override");
      }
      assertFalse(out.contains("\u001b]0;pwned\u0007"));
      assertFalse(out.contains("\u001b[2J"));
      // NAME is capped at 16 columns; the escapes are what gets cut, never a raw byte shown.
      assertTrue(out.contains("  evil\\e]0;pwned\\\u2026  "), out);
      // The working directory in the note is process text too.
      assertTrue(out.contains("cwd /home/alice/api\\e[2J;"), out);
      assertTrue(out.contains("sh -c printf '\\e[2J'; sleep 9999 \\u{202E}txt.exe\\r\\tdone"), out);
    }
  }

  @Test
  void hostileUserAndRuleAreEscapedToo() throws IOException {
    ProcessInfo p = new ProcessInfo(7, 1, "n", null, List.of("a"), "ev\u001b[1Ail", 5,
        ProcState.RUNNING, 0, 0, 0, null, null, null, null, null, null, false);
    Finding f = new Finding("r\u001b[K", "c", Severity.INFO, "m", p, 5, Map.of(),
        CleanupSpec.NONE);
    String out = write(new Report("v", ReportFixtures.result(List.of(f)), null, false),
        TableOptions.defaults());
    assertFalse(out.contains("\u001b"), out);
    assertTrue(out.contains("ev\\e[1Ail"), out);
    assertTrue(out.contains("r\\e[K"), out);
  }

  @Test
  void colorOnlyInTheSeverityColumnAndOnlyWhenAsked() throws IOException {
    String plain = write(ReportFixtures.report(), new TableOptions(100, false));
    assertFalse(plain.contains("\u001b"));
    String colored = write(ReportFixtures.report(), new TableOptions(100, true));
    String[] lines = colored.split("\n");
    assertTrue(lines[1].startsWith("\u001b[31mhigh\u001b[0m      zombie"), lines[1]);
    assertTrue(lines[2].startsWith("\u001b[33mmedium\u001b[0m    hung-cpu"), lines[2]);
    assertTrue(lines[6].startsWith("\u001b[36mlow\u001b[0m       suspicious"), lines[6]);
    assertTrue(lines[4].startsWith("          also"), "a note is never colored: " + lines[4]);
    // Removing exactly those sequences gives the plain table: nothing else was colored.
    assertEquals(plain, colored.replaceAll("\u001b\\[[0-9;]*m", ""));
    assertFalse(lines[0].contains("\u001b"));
  }

  @Test
  void noPortsColumnWhenNothingListensAndNoNoteWhenNothingIsKnown() throws IOException {
    List<Finding> quiet = ReportFixtures.findings().stream()
        .filter(f -> f.context().allPorts().isEmpty()).toList();
    assertEquals(3, quiet.size());
    String out = write(new Report("v", ReportFixtures.result(quiet), null, false),
        TableOptions.defaults());
    assertTrue(out.startsWith("SEVERITY  RULE              PID  USER     AGE  NAME   "), out);
    assertFalse(out.contains("PORTS"), out);
    assertEquals(1 + 3 + 3, out.split("\n").length,
        "header, 3 rows, blank, summary, failed reads: " + out);
  }

  @Test
  void noteSaysWhoElseHoldsTheSocketAndWhatBecameOfTheSession() {
    ProcessInfo p = process(500, "gunicorn", List.of("gunicorn", "app:app"));
    // Holders include the process itself: only the others are worth a mention.
    assertEquals(List.of("sockets shared with 501, 502", "cwd /srv/app",
            "session 400, leader alive", "container 3f2a9c1b7d4e"),
        notes(p, new ProcessContext(List.of(8000L), List.of(8000L), List.of(500L, 501L, 502L),
            "/srv/app", 400L, true, "3f2a9c1b7d4e")));
    assertEquals(List.of("leads its session 500"),
        notes(p, new ProcessContext(null, null, List.of(500L), null, 500L, true, null)));
    // Session 0 (started outside any session) and an unknown leader say nothing misleading.
    assertEquals(List.of(), notes(p, new ProcessContext(null, null, null, null, 0L, null, null)));
    assertEquals(List.of("session 9"),
        notes(p, new ProcessContext(null, null, null, null, 9L, null, null)));
    assertEquals(List.of("descendants listen on 5173"),
        notes(p, new ProcessContext(List.of(), List.of(5173L), null, null, null, null, null)));
  }

  @Test
  void theLeadingRuleNamesHowManyMoreMatched() throws IOException {
    ProcessInfo p = process(77, "python3", List.of("python3", "server.py"));
    Finding f = new Finding(p, 9, List.of(
        new Match("orphan-lost-session", "orphan", Severity.MEDIUM, "m1", CleanupSpec.NONE),
        new Match("stale-listener-orphan", "stale-listener", Severity.HIGH, "m2",
            CleanupSpec.NONE),
        new Match("zzz-info", "custom", Severity.INFO, "m3", CleanupSpec.NONE)),
        Map.of(), new ProcessContext(List.of(41234L), List.of(41234L), List.of(77L), null,
            60L, false, null));
    String out = write(new Report("v", ReportFixtures.result(List.of(f)), null, false),
        TableOptions.defaults());
    String[] lines = out.split("\n");
    assertEquals(
        "high      stale-listener-orphan +2   77  u      9s  41234  python3  python3 server.py",
        lines[1]);
    assertEquals("          also orphan-lost-session (medium), zzz-info (info); session 60, leader"
        + " gone", lines[2]);
    assertTrue(out.contains("\n1 finding (1 high) in"), out);
  }

  private static List<String> notes(ProcessInfo p, ProcessContext c) {
    List<String> parts = new ArrayList<>(TableReportWriter.note(new Finding(p, 1,
        List.of(new Match("r", "c", Severity.LOW, "m", CleanupSpec.NONE)), Map.of(), c)));
    parts.removeIf(java.util.Objects::isNull);
    return parts;
  }

  @Test
  void humanAges() {
    assertEquals("0s", TableReportWriter.age(0));
    assertEquals("0s", TableReportWriter.age(-5));
    assertEquals("45s", TableReportWriter.age(45));
    assertEquals("59s", TableReportWriter.age(59));
    assertEquals("1m", TableReportWriter.age(60));
    assertEquals("12m", TableReportWriter.age(12 * 60 + 59));
    assertEquals("59m", TableReportWriter.age(3599));
    assertEquals("1h", TableReportWriter.age(3600));
    assertEquals("23h", TableReportWriter.age(86_399));
    assertEquals("1d", TableReportWriter.age(86_400));
    assertEquals("400d", TableReportWriter.age(400 * 86_400L + 5));
  }

  @Test
  void truncationKeepsCodePointsWhole() {
    assertEquals("abc", TextTable.truncate("abc", 3));
    assertEquals("ab\u2026", TextTable.truncate("abcd", 3));
    assertEquals("\uD83D\uDE00\u2026", TextTable.truncate("\uD83D\uDE00\uD83D\uDE01x", 2));
    assertEquals("\u2026", TextTable.truncate("abcd", 1));
  }

  @Test
  void optionsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new TableOptions(0, false));
    assertEquals(new TableOptions(120, false), TableOptions.defaults());
  }

  private static ProcessInfo process(int pid, String name, List<String> cmdline) {
    return new ProcessInfo(pid, 1, name, null, cmdline, "u", 1, ProcState.SLEEPING, 0, 0, 0,
        null, null, null, null, null, null, false);
  }
}
