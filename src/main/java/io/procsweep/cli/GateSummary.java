package io.procsweep.cli;

import io.procsweep.report.TerminalText;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ProcessContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a {@code --fail-on} gate failed, in a few lines for stderr: a CI log shows them whatever
 * the report's format or destination (a JSON file, an artifact nobody opens). One line per
 * failing finding, at most {@value #MAX_LINES}: severity, rule, pid, ports, CI job when known,
 * and the command line, escaped and cut.
 */
final class GateSummary {
  static final int MAX_LINES = 10;
  static final int MAX_COMMAND = 160;

  private GateSummary() {}

  /** The lines to print; empty when no finding reaches {@code failOn}. */
  static List<String> lines(List<Finding> findings, Severity failOn) {
    List<Finding> failing = findings.stream().filter(f -> f.severity().atLeast(failOn))
        .collect(Collectors.toList());
    List<String> out = new ArrayList<>();
    if (failing.isEmpty()) {
      return out;
    }
    out.add("procsweep: gate failed: " + failing.size()
        + (failing.size() == 1 ? " finding" : " findings") + " at or above " + failOn.label()
        + " (--fail-on " + failOn.label() + ")");
    for (Finding f : failing.subList(0, Math.min(MAX_LINES, failing.size()))) {
      out.add(line(f));
    }
    if (failing.size() > MAX_LINES) {
      out.add("  ... and " + (failing.size() - MAX_LINES) + " more in the report");
    }
    return out;
  }

  static String line(Finding f) {
    ProcessContext c = f.context();
    List<Long> ports = c.allPorts();
    StringBuilder sb = new StringBuilder("  ").append(f.severity().label())
        .append("  ").append(TerminalText.escape(f.rule()))
        .append("  pid ").append(f.process().pid())
        .append(ports.size() > 1 ? "  ports " : "  port ")
        .append(ports.isEmpty() ? "-" : ports.stream().map(String::valueOf)
            .collect(Collectors.joining(",")));
    if (c.ciJob() != null) {
      sb.append("  job ").append(TerminalText.escape(c.ciJob()));
    }
    return sb.append("  ").append(command(f.process().commandLine())).toString();
  }

  /** Escaped, then cut to {@value #MAX_COMMAND} characters as shown (code points). */
  static String command(String commandLine) {
    String escaped = TerminalText.escape(commandLine);
    if (escaped.codePointCount(0, escaped.length()) <= MAX_COMMAND) {
      return escaped;
    }
    return escaped.substring(0, escaped.offsetByCodePoints(0, MAX_COMMAND - 3)) + "...";
  }
}
