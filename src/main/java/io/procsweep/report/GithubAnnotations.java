package io.procsweep.report;

import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ::error} workflow commands for GitHub Actions, one per high or critical finding, so a
 * failed gate is annotated on the run's summary page. GitHub shows at most ten error
 * annotations per step; past {@link #MAX} findings the last annotation says how many more there
 * are instead.
 *
 * <p>They go to standard error: the runner reads workflow commands from both output streams
 * (each has its own command parser), and standard output may be the report itself.
 *
 * <p>Escaping follows the runner's rules: in the message {@code %}, CR and LF become {@code
 * %25}, {@code %0D}, {@code %0A}; in a property value {@code :} and {@code ,} also become {@code
 * %3A} and {@code %2C}. Before that, text from a process is made terminal-safe ({@link
 * TerminalText}), so it holds no CR or LF and cannot start a command of its own on a new line.
 */
public final class GithubAnnotations {
  /** Annotations at most: GitHub's limit of error annotations per step. */
  public static final int MAX = 10;
  /** Code points of a command line in a message. */
  static final int MAX_COMMAND = 200;

  private GithubAnnotations() {}

  /** Whether this runs as a GitHub Actions step, judged from the runner's environment. */
  public static boolean enabled(Function<String, String> env) {
    return "true".equals(env.apply("GITHUB_ACTIONS"));
  }

  /** The workflow commands for these findings (the scan's order: worst first). */
  public static List<String> lines(List<Finding> findings) {
    List<Finding> serious = findings.stream()
        .filter(f -> f.severity().atLeast(Severity.HIGH)).toList();
    List<String> out = new ArrayList<>();
    boolean cut = serious.size() > MAX;
    int shown = cut ? MAX - 1 : serious.size();
    for (Finding f : serious.subList(0, shown)) {
      out.add(line(f));
    }
    if (cut) {
      int more = serious.size() - shown;
      out.add("::error title=" + property("procsweep: " + more + " more")
          + "::" + data(more + " more high or critical findings are not annotated;"
              + " the report lists them all."));
    }
    return out;
  }

  /** Writes {@link #lines}, one per line. */
  public static void write(List<Finding> findings, Writer err) throws IOException {
    for (String line : lines(findings)) {
      err.write(line);
      err.write('\n');
    }
    err.flush();
  }

  private static String line(Finding f) {
    ProcessInfo p = f.process();
    String command = TerminalText.escape(p.commandLine());
    if (command.codePointCount(0, command.length()) > MAX_COMMAND) {
      command = command.substring(0, command.offsetByCodePoints(0, MAX_COMMAND - 1)) + "…";
    }
    String title = "procsweep: " + f.severity().label() + " " + f.rule() + " (pid " + p.pid()
        + ")";
    String message = f.message() + ": pid " + p.pid() + " " + p.name() + ": " + command;
    return "::error title=" + property(TerminalText.escape(title)) + "::"
        + data(TerminalText.escape(message));
  }

  /** A message, escaped as the runner unescapes it. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value, escaped as the runner unescapes it. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
