package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportWriterTest {
  /** Every pipe-delimited cell count is this: 5 columns between 6 unescaped pipes. */
  private static final int PIPES = 6;

  static String write(Report report, MarkdownReportWriter w) throws IOException {
    StringWriter out = new StringWriter();
    w.write(report, out);
    return out.toString();
  }

  /** The table's lines: the one block of lines starting with '|'. */
  static List<String> table(String md) {
    List<String> lines = md.lines().toList();
    int first = -1;
    int last = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("|")) {
        if (first < 0) {
          first = i;
        }
        assertTrue(last < 0 || last == i - 1, () -> "a second table in:\n" + md);
        last = i;
      }
    }
    return first < 0 ? List.of() : lines.subList(first, last + 1);
  }

  /** Pipes not escaped by a backslash: the ones that delimit cells. */
  static int cellPipes(String row) {
    int n = 0;
    for (int i = 0; i < row.length(); i++) {
      if (row.charAt(i) == '\\') {
        i++; // the escaped character is literal text
      } else if (row.charAt(i) == '|') {
        n++;
      }
    }
    return n;
  }

  static Finding finding(int pid, String name, List<String> cmdline, Severity s) {
    ProcessInfo p = new ProcessInfo(pid, 1, name, "/bin/x", cmdline, "u", 1000,
        ProcState.SLEEPING, ReportFixtures.NOW_MS - 1000, 0, 0, null, null, pid, pid, null,
        null, false);
    return new Finding("rule-" + s.label(), "custom", s, "m", p, 1, Map.of(), CleanupSpec.NONE);
  }

  @Test
  void findingsAreOneTableWithTheSummaryUnderIt() throws IOException {
    String md = write(ReportFixtures.report(), new MarkdownReportWriter());
    List<String> rows = table(md);
    assertEquals(2 + 4, rows.size(), md);
    assertEquals("| Severity | Rule | PID | Name | Command |", rows.get(0));
    for (String row : rows) {
      assertEquals(PIPES, cellPipes(row), row);
    }
    assertEquals("| high | zombie | 4242 | defunct-worker | \\[defunct-worker\\] |", rows.get(2));
    assertEquals("| medium | orphaned-dev-server +1 | 31337 | uvicorn"
        + " | python3 -m uvicorn app:main --port 8000 |", rows.get(4));
    assertTrue(md.startsWith("### procsweep scan on build-07\n\n"), md);
    assertTrue(md.contains("\n4 findings (1 high, 2 medium, 1 low) in 6 processes, 3 listeners;"
        + " scanned in 412 ms\n"), md);
    assertTrue(md.endsWith("\n**Gate failed**: a finding at or above high.\n"), md);
  }

  @Test
  void hostileCommandLinesStayInTheirCell() throws IOException {
    Finding evil = finding(13, "a|b`c", List.of("sh", "-c",
        "x | y\n| z | w |\r\n`rm -rf`", "<img src=x onerror=alert(1)>", "**b** [l](http://e)",
        "@here &amp; ~~s~~ \\|", "\u001b[2J\u0000\u0085"), Severity.HIGH);
    String md = write(new Report("v", ReportFixtures.result(List.of(evil)), null, false),
        new MarkdownReportWriter());
    List<String> rows = table(md);
    assertEquals(3, rows.size(), md);
    String row = rows.get(2);
    assertEquals(PIPES, cellPipes(row), row);
    assertFalse(row.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0x85), row);
    assertTrue(row.contains("| 13 | a\\|b\\`c |"), row);
    assertTrue(row.contains("x \\| y\\\\n\\| z \\| w \\|\\\\r\\\\n\\`rm -rf\\`"), row);
    assertTrue(row.contains("\\<img src=x onerror=alert(1)\\>"), row);
    assertTrue(row.contains("\\*\\*b\\*\\* \\[l\\](http://e)"), row);
    assertTrue(row.contains("\\@here \\&amp; \\~\\~s\\~\\~ \\\\\\|"), row);
  }

  @Test
  void aLongTableIsCutByRowsAndSaysSo() throws IOException {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(finding(1000 + i, "n", List.of("cmd", "--n", Integer.toString(i)), Severity.LOW));
    }
    String md = write(new Report("v", ReportFixtures.result(many), null, false),
        new MarkdownReportWriter(10, 1 << 20));
    assertEquals(2 + 10, table(md).size(), md);
    assertTrue(md.endsWith("\nShowing the first 10 of 50 findings; the JSON report (--format"
        + " json) has all.\n"), md);
  }

  @Test
  void aHugeScanStaysWellUnderGithubsLimit() throws IOException {
    // 20,000 findings with 4 KiB command lines would be 80 MiB as a table.
    String arg = "x|".repeat(2048);
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      many.add(finding(i + 2, "n|" + i, List.of("cmd", arg), Severity.MEDIUM));
    }
    String md = write(new Report("v", ReportFixtures.result(many), Severity.HIGH, false),
        new MarkdownReportWriter());
    int bytes = md.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes <= MarkdownReportWriter.MAX_BYTES + 4096, "bytes: " + bytes);
    assertTrue(bytes < 1024 * 1024 / 2, "well under 1 MiB: " + bytes);
    List<String> rows = table(md);
    assertTrue(rows.size() > 2, md.substring(0, 500));
    rows.forEach(r -> assertEquals(PIPES, cellPipes(r), r));
    assertTrue(md.contains("\nShowing the first " + String.format("%,d", rows.size() - 2)
        + " of 20,000 findings"), md.substring(md.length() - 300));
  }

  @Test
  void noFindingsIsOneSentenceAndNoTable() throws IOException {
    String md = write(ReportFixtures.emptyReport(), new MarkdownReportWriter());
    assertEquals(List.of(), table(md));
    assertEquals("### procsweep scan on build-07\n\nNo findings in 6 processes.\n", md);
  }
}
