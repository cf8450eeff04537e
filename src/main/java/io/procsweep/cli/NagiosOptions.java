package io.procsweep.cli;

import io.procsweep.report.Format;
import io.procsweep.report.NagiosRange;
import io.procsweep.report.NagiosThresholds;
import io.procsweep.rules.Severity;
import picocli.CommandLine.Option;

/**
 * {@code --warning} and {@code --critical} of {@code scan --format nagios}. Read as text and
 * parsed in the command, not by picocli, so that a bad range is an UNKNOWN line as every other
 * failure of a check is (see {@link NagiosFailure}), not a usage message Nagios cannot show.
 */
final class NagiosOptions {
  @Option(names = "--warning", paramLabel = "RANGE",
      description = "With --format nagios: WARNING when the number of findings in scope is"
          + " outside RANGE, in the monitoring-plugins syntax: 10 (outside 0..10), 10: (below"
          + " 10), ~:10 (above 10), 10:20, @10:20 (inside 10..20). Default: 0 (any finding"
          + " warns); ~: never warns.")
  String warning;

  @Option(names = "--critical", paramLabel = "RANGE",
      description = "With --format nagios: CRITICAL when the number of findings in scope is"
          + " outside RANGE (same syntax; checked before --warning). Default: none.")
  String critical;

  /**
   * The thresholds to judge with. The ranges belong to --format nagios, which exits with the
   * Nagios state, so they are refused with any other format, and --fail-on (the CI gate's exit
   * code) is refused with nagios rather than silently ignored.
   */
  NagiosThresholds thresholds(Format format, Severity failOn) {
    if (format != Format.nagios) {
      if (warning != null || critical != null) {
        throw new UserException((warning != null ? "--warning" : "--critical")
            + " applies to --format nagios only");
      }
      return NagiosThresholds.DEFAULT;
    }
    if (failOn != null) {
      throw new UserException("--fail-on does not apply to --format nagios, which exits with"
          + " the Nagios state; use --warning and --critical");
    }
    NagiosRange w = warning == null ? NagiosThresholds.DEFAULT.warning() : range("--warning",
        warning);
    NagiosRange c = critical == null ? null : range("--critical", critical);
    return new NagiosThresholds(w, c);
  }

  private static NagiosRange range(String option, String text) {
    try {
      return NagiosRange.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UserException(option + " " + e.getMessage(), e);
    }
  }
}
