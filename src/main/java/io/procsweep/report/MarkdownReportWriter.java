package io.procsweep.report;

import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A GitHub-flavoured markdown summary for a CI job's step summary ({@code
 * $GITHUB_STEP_SUMMARY}): a heading, one table of findings (severity, rule, pid, name, command)
 * and the summary line. GitHub refuses a step summary over 1 MiB, so the table stops at {@link
 * #MAX_ROWS} rows or {@link #MAX_BYTES} bytes, whichever comes first, and a last line says how
 * many findings were left out.
 *
 * <p>A cell holds text chosen by whoever started the process. It is made terminal-safe first
 * ({@link TerminalText}: a newline becomes {@code \n}, so no cell can end its row), then every
 * character markdown gives a meaning inside a table cell is backslash-escaped: {@code |} (which
 * would end the cell), backticks, emphasis, links, HTML, entities and mentions.
 */
public final class MarkdownReportWriter implements ReportWriter {
  /** Rows before the table is cut. */
  public static final int MAX_ROWS = 1000;
  /** Bytes of table before it is cut: a quarter of GitHub's 1 MiB step-summary limit. */
  public static final int MAX_BYTES = 256 * 1024;
  /** Code points of a command line shown in a cell; the JSON report has it whole. */
  static final int MAX_COMMAND = 300;

  private static final String HEADER =
      "| Severity | Rule | PID | Name | Command |\n| --- | --- | ---: | --- | --- |\n";

  private final int maxRows;
  private final int maxBytes;

  public MarkdownReportWriter() {
    this(MAX_ROWS, MAX_BYTES);
  }

  /** With other caps: for tests. */
  MarkdownReportWriter(int maxRows, int maxBytes) {
    this.maxRows = maxRows;
    this.maxBytes = maxBytes;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    ScanResult result = report.result();
    List<Finding> findings = result.findings();
    out.write("### procsweep scan on " + cell(result.snapshot().host().hostname()) + "\n\n");
    if (findings.isEmpty()) {
      out.write("No findings in " + String.format(Locale.ROOT, "%,d",
          result.snapshot().processes().size()) + " processes.\n");
    } else {
      StringBuilder table = new StringBuilder(HEADER);
      int bytes = utf8(HEADER);
      int shown = 0;
      for (Finding f : findings) {
        String row = row(f);
        int size = utf8(row);
        if (shown == maxRows || bytes + size > maxBytes) {
          break;
        }
        table.append(row);
        bytes += size;
        shown++;
      }
      out.write(table.toString());
      out.write('\n');
      out.write(cell(TableReportWriter.summary(result)) + "\n");
      if (shown < findings.size()) {
        out.write("\n" + String.format(Locale.ROOT,
            "Showing the first %,d of %,d findings; the JSON report (--format json) has all.",
            shown, findings.size()) + "\n");
      }
    }
    if (report.gateFailed()) {
      out.write("\n**Gate failed**"
          + (report.failOn() == null ? "" : ": a finding at or above " + report.failOn().label())
          + ".\n");
    }
    out.flush();
  }

  private static String row(Finding f) {
    ProcessInfo p = f.process();
    int more = f.matches().size() - 1;
    String rule = more == 0 ? f.rule() : f.rule() + " +" + more;
    return "| " + f.severity().label() + " | " + cell(rule) + " | " + p.pid() + " | "
        + cell(p.name()) + " | " + cell(cut(TerminalText.escape(p.commandLine()))) + " |\n";
  }

  /** At most {@link #MAX_COMMAND} code points, cut before escaping so no escape is split. */
  private static String cut(String s) {
    if (s.codePointCount(0, s.length()) <= MAX_COMMAND) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, MAX_COMMAND - 1)) + "…";
  }

  /** Untrusted text as the literal content of a table cell. */
  static String cell(String s) {
    String safe = TerminalText.escape(s == null ? "" : s);
    StringBuilder sb = new StringBuilder(safe.length() + 8);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      if ("\\`*_[]<>|~&@!#".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
