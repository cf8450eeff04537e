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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TableReportWriterTest {

  private static String write(Report report, TableOptions options) throws IOException {
    StringWriter out = new StringWriter();
    new TableReportWriter(options).write(report, out);
    return out.toString();
  }

  @Test
  void goldenAt80Columns() throws IOException {
    String expected = String.join("\n",
        "  PID PPID USER   AGE PORTS SEV    FINDING        COMMAND",
        " 4242 4100 alice   2d -     high   zombie         [defunct-worker]",
        " 2001 1999 alice  12m -     medium hung-cpu       node \u2026ig.ts --mode development",
        "31337    1 ?       3h 8000\u2026 medium orphaned-d\u2026 +1 python3 \u2026 app:main --port 8000",
        "      also orphan-lost-session (medium); sockets shared with 31340",
        "      descendants listen on 8001; cwd /home/alice/api\\e[2J",
        "      session 30990, leader gone",
        "  666    1 mallo\u2026 45s -     low    suspicious-na\u2026 sh \u202699 \\u{202E}txt.exe\\r\\tdone",
        "",
        "4 findings (1 high, 2 medium, 1 low) in 6 processes, 3 listeners;",
        "scanned in 412 ms",
        "gate: failed (--fail-on high)",
        "2 reads failed (use --format json for details)",
        "next: procsweep explain 4242 \u00b7 procsweep plan --pid 4242",
        "");
    assertEquals(expected, write(ReportFixtures.report(), new TableOptions(80, false)));
  }

  @Test
  void wideTerminalsShowWholeCommandsAndNotes() throws IOException {
    String out = write(ReportFixtures.report(), new TableOptions(260, false));
    assertTrue(out.contains(" python3 -m uvicorn app:main --port 8000\n"), out);
    assertTrue(out.contains(" node /home/alice/projects/webapp/node_modules/.bin/vite --host"
        + " 0.0.0.0 --port 5173 --config /home/alice/projects/webapp/vite.config.ts --mode"
        + " development\n"), out);
    assertTrue(out.contains(" 8000,8001 medium orphaned-dev-server +1 "), out);
    // The note is indented under the second column and wraps between its parts only.
    assertTrue(out.contains("\n      also orphan-lost-session (medium); sockets shared with"
        + " 31340; descendants listen on 8001; cwd /home/alice/api\\e[2J; session 30990,"
        + " leader gone\n"), out);
  }

  @Test
  void linesNeverExceedTheWidth() throws IOException {
    for (int width = 60; width <= 200; width++) {
      assertFits(write(ReportFixtures.report(), new TableOptions(width, false)), width);
    }
    // Many shapes: long users, rules, port lists, 7-digit pids, hostile and odd text.
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      List<Finding> findings = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(6); i++) {
        findings.add(randomFinding(random));
      }
      Report report = new Report("v", ReportFixtures.result(findings), Severity.LOW,
          random.nextBoolean());
      for (int width : new int[] {80, 100, 120}) {
        assertFits(write(report, new TableOptions(width, random.nextBoolean())), width);
      }
    }
  }

  private static final String[] ODD = {"x", "\u001b[2J", "\u202e", "\t", "\u00e9", "e\u0301",
      "\uD83D\uDE00", "\u7a0b\u5e8f", "/", " ", "-", ":", "="};

  private static Finding randomFinding(Random random) {
    int pid = 1 + random.nextInt(4_194_304);
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(12); i++) {
      StringBuilder word = new StringBuilder();
      for (int j = 0; j < random.nextInt(40); j++) {
        word.append(random.nextInt(4) == 0 ? ODD[random.nextInt(ODD.length)]
            : (char) ('a' + random.nextInt(26)));
      }
      argv.add(word.toString());
    }
    String user = "u".repeat(1 + random.nextInt(30)) + ODD[random.nextInt(ODD.length)];
    ProcessInfo p = new ProcessInfo(pid, random.nextInt(4_194_304), "n", null,
        random.nextInt(10) == 0 ? List.of() : argv, user, 1000, ProcState.SLEEPING, 0, 0, 0,
        null, null, null, null, null, null, false);
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(3); i++) {
      matches.add(new Match("rule-" + "x".repeat(random.nextInt(40)),
          "c", Severity.values()[random.nextInt(Severity.values().length)], "m",
          CleanupSpec.NONE));
    }
    List<Long> ports = new ArrayList<>();
    for (int i = 0; i < random.nextInt(5); i++) {
      ports.add((long) random.nextInt(65_536));
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      evidence.put("state_seconds", random.nextDouble() * 1e7);
    }
    return new Finding(p, random.nextInt(100_000_000), matches, evidence,
        new ProcessContext(ports, ports, List.of((long) pid, 7L), "/srv/" + "d".repeat(
            random.nextInt(90)), (long) random.nextInt(9999), random.nextBoolean(), null));
  }

  private static void assertFits(String out, int width) {
    for (String line : out.replaceAll("\u001b\\[[0-9;]*m", "").split("\n")) {
      assertTrue(columns(line) <= width,
          width + " columns, line of " + columns(line) + ": " + line + "\n" + out);
    }
  }

  /**
   * The columns a line of this test's text takes, counted here on their own: the odd characters
   * the test uses are a combining accent (none), an emoji and CJK (two), the rest one.
   */
  private static int columns(String line) {
    return line.codePoints().map(cp -> cp == 0x0301 ? 0
        : cp == 0x1F600 || (cp >= 0x4E00 && cp <= 0x9FFF) ? 2 : 1).sum();
  }

  @Test
  void realCommandLinesKeepWhatTellsThemApartAt80Columns() throws IOException {
    List<Finding> findings = List.of(
        finding(4001, List.of("/usr/bin/python3", "-m", "http.server", "8000"), 8000L),
        finding(4002, List.of("node", "/home/u/app/node_modules/.bin/vite", "--port", "5173"),
            5173L),
        finding(4003, List.of("/home/u/api/.venv/bin/python3", "/home/u/api/.venv/bin/uvicorn",
            "app:app", "--reload", "--port", "8000"), 8000L),
        finding(4004, List.of("/home/u/.local/bin/uvicorn", "app:app", "--reload", "--port",
            "8001"), 8001L),
        finding(4005, List.of("/usr/bin/python3", "-c",
            "import socket,time; s=socket.socket(); s.bind(('',9000)); s.listen(); time.sleep(9e9)"),
            9000L));
    String out = write(new Report("v", ReportFixtures.result(findings), null, false),
        new TableOptions(80, false));
    assertFits(out, 80);
    List<String> rows = out.lines().filter(l -> l.matches(" *\\d+ +1 .*")).toList();
    assertEquals(5, rows.size(), out);
    assertTrue(rows.get(0).endsWith(" python3 -m http.server 8000"), rows.get(0));
    assertTrue(rows.get(1).endsWith(" node vite --port 5173"), rows.get(1));
    // Too long for the 30 columns left: the program stays in front, the tail (its port) at the end.
    assertTrue(rows.get(2).endsWith(" python3 \u2026 --reload --port 8000"), rows.get(2));
    assertTrue(rows.get(3).endsWith(" uvicorn \u2026 --reload --port 8001"), rows.get(3));
    assertTrue(rows.get(4).endsWith(" python3 \u2026en(); time.sleep(9e9)"), rows.get(4));
    // Given room, the whole line, its directories dropped.
    String wide = write(new Report("v", ReportFixtures.result(findings), null, false),
        new TableOptions(100, false));
    assertTrue(wide.contains(" python3 uvicorn app:app --reload --port 8000\n"), wide);
    assertTrue(wide.contains(" uvicorn app:app --reload --port 8001\n"), wide);
  }

  private static Finding finding(int pid, List<String> argv, long port) {
    ProcessInfo p = new ProcessInfo(pid, 1, "p", null, argv, "u", 1000, ProcState.SLEEPING, 0,
        0, 0, null, null, null, null, null, null, false);
    return new Finding(p, 120, List.of(new Match("stale-listener-orphan", "stale-listener",
        Severity.HIGH, "m", CleanupSpec.NONE), new Match("orphan", "orphan", Severity.LOW, "m",
        CleanupSpec.NONE)), Map.of(), new ProcessContext(List.of(port), List.of(port),
        List.of((long) pid), null, null, null, null));
  }

  @Test
  void theLastLineIsTheNextStepForTheFirstFinding() throws IOException {
    String out = write(ReportFixtures.report(), TableOptions.defaults());
    List<String> lines = out.lines().toList();
    assertEquals("next: procsweep explain 4242 \u00b7 procsweep plan --pid 4242",
        lines.get(lines.size() - 1));
  }

  @Test
  void ageIsTimeInStateWhereARuleReadItAndTheLegendSaysSo() throws IOException {
    ProcessInfo p = process(900, "sleep", List.of("sleep", "9999"));
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("state", "stopped");
    evidence.put("state_seconds", 725.6);
    Finding inState = new Finding(p, 90_000, List.of(new Match("stopped-long", "hung",
        Severity.MEDIUM, "m", CleanupSpec.NONE)), evidence, ProcessContext.UNKNOWN);
    String out = write(new Report("v", ReportFixtures.result(List.of(inState)), null, false),
        new TableOptions(80, false));
    assertTrue(out.contains("\n900    1 u    12m* medium stopped-long sleep 9999\n"), out);
    assertTrue(out.contains("\n* AGE: time in its current state; else time since it started\n"),
        out);
    // Without state_seconds: the age since start, and no legend.
    Finding aged = new Finding(p, 90_000, inState.matches(), Map.of("state", "stopped"),
        ProcessContext.UNKNOWN);
    String plain = write(new Report("v", ReportFixtures.result(List.of(aged)), null, false),
        new TableOptions(80, false));
    assertTrue(plain.contains(" 1d medium "), plain);
    assertFalse(plain.contains("AGE:"), plain);
  }

  @Test
  void narrowTerminalsStillShowSomeCommand() throws IOException {
    String out = write(ReportFixtures.report(), new TableOptions(40, false));
    assertTrue(out.contains(" pyt\u2026t 8000\n"), out);
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
        + " 12,345 ms\n1 read failed (use --format json for details)\n"
        + "next: procsweep explain 1 \u00b7 procsweep plan --pid 1\n"), out);
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
    assertTrue(lines[1].startsWith(" 4242 4100 alice    2d -         \u001b[31mhigh\u001b[0m   zombie"),
        lines[1]);
    assertTrue(lines[2].contains(" \u001b[33mmedium\u001b[0m hung-cpu"), lines[2]);
    assertTrue(lines[6].contains(" \u001b[36mlow\u001b[0m    suspicious"), lines[6]);
    assertTrue(lines[4].startsWith("      also"), "a note is never colored: " + lines[4]);
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
        new TableOptions(120, false));
    assertTrue(out.startsWith(" PID PPID USER    AGE SEV    FINDING         COMMAND\n"), out);
    assertFalse(out.contains("PORTS"), out);
    assertEquals(1 + 3 + 4, out.split("\n").length,
        "header, 3 rows, blank, summary, failed reads, next step: " + out);
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
        " 77    1 u     9s 41234 high stale-listener-orphan +2 python3 server.py", lines[1]);
    assertEquals("    also orphan-lost-session (medium), zzz-info (info); session 60, leader gone",
        lines[2]);
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
    // An emoji takes two columns: it fits in 3 with the ellipsis, not in 2.
    assertEquals("\uD83D\uDE00\u2026", TextTable.truncate("\uD83D\uDE00\uD83D\uDE01x", 3));
    assertEquals("\u2026", TextTable.truncate("\uD83D\uDE00\uD83D\uDE01x", 2));
    assertEquals("e\u0301\u2026", TextTable.truncate("e\u0301e\u0301e\u0301", 2));
    assertEquals("\u2026", TextTable.truncate("abcd", 1));
  }

  @Test
  void aCutRuleKeepsHowManyMoreMatched() {
    assertEquals("stale-listener-orphan +2", TableReportWriter.cutRule("stale-listener-orphan +2", 24));
    assertEquals("stale-listene\u2026 +2", TableReportWriter.cutRule("stale-listener-orphan +2", 17));
    assertEquals("orphaned-d\u2026", TableReportWriter.cutRule("orphaned-dev-server", 11));
    assertEquals("st\u2026", TableReportWriter.cutRule("stale-listener-orphan +2", 3));
  }

  @Test
  void optionsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new TableOptions(0, false));
    assertEquals(new TableOptions(80, false), TableOptions.defaults());
  }

  private static ProcessInfo process(int pid, String name, List<String> cmdline) {
    return new ProcessInfo(pid, 1, name, null, cmdline, "u", 1, ProcState.SLEEPING, 0, 0, 0,
        null, null, null, null, null, null, false);
  }
}
