package io.procsweep.cli;

import io.procsweep.report.NagiosCheck;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What {@code scan --format nagios} prints when it cannot report a scan: a Nagios plugin must
 * always print one status line, so a failure (no process table, a bad rule file or option, an
 * internal error) is {@code PROCSWEEP UNKNOWN: <the error's sentence>} on stdout with exit 3,
 * besides the usual message on stderr.
 */
final class NagiosFailure {
  private NagiosFailure() {}

  /** Reports {@code e} as every command does, then as an UNKNOWN line; returns the exit code. */
  static int report(Exception e, PrintWriter out, PrintWriter err, boolean debug) {
    StringWriter said = new StringWriter();
    PrintWriter buffer = new PrintWriter(said);
    Main.handle(e, buffer, debug);
    buffer.flush();
    err.print(said);
    err.flush();
    // The sentence is the last line: before it come a stack trace (--debug) or rule diagnostics.
    String last = said.toString().lines().filter(l -> !l.isBlank())
        .reduce((a, b) -> b).orElse("the scan failed");
    String sentence = last.startsWith("procsweep: ") ? last.substring("procsweep: ".length())
        : last;
    out.print(NagiosCheck.failed(sentence).text());
    out.flush();
    return ExitCode.NAGIOS_UNKNOWN.code();
  }

  /**
   * Whether {@code args} ask {@code scan} for the Nagios format, read from the raw arguments:
   * for a command line picocli could not parse, the only way to keep the plugin's promise of
   * one status line and exit 3 (exit 2 would read as CRITICAL).
   */
  static boolean requested(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ("--".equals(a)) {
        return false;
      }
      if (a.equals("--format=nagios") || a.equals("-fnagios")
          || ((a.equals("--format") || a.equals("-f")) && i + 1 < args.length
              && args[i + 1].equals("nagios"))) {
        return true;
      }
    }
    return false;
  }

  /** A usage error under {@code --format nagios}: the UNKNOWN line on stdout, exit 3. */
  static int usage(String sentence, PrintWriter out) {
    out.print(NagiosCheck.failed(sentence).text());
    out.flush();
    return ExitCode.NAGIOS_UNKNOWN.code();
  }
}
