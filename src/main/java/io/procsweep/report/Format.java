package io.procsweep.report;

/**
 * An output format. Which documents each one can write is decided in {@link Formats}; the
 * constants are lowercase because they are the spelling on the command line.
 */
public enum Format {
  table,
  json,
  /** JUnit XML, which CI systems render as test results: scan only. */
  junit,
  /** A GitHub-flavoured markdown summary for {@code $GITHUB_STEP_SUMMARY}: scan only. */
  markdown,
  /**
   * Prometheus text exposition 0.0.4, for node_exporter's textfile collector: scan only.
   */
  prometheus,
  /** A Nagios plugin's status line with performance data: scan only. */
  nagios
}
