package io.procsweep.report;

import java.io.IOException;
import java.io.Writer;

/**
 * The Nagios plugin format: {@code PROCSWEEP OK|WARNING|CRITICAL|UNKNOWN: summary | perfdata},
 * then one long-text line per finding (see {@link NagiosCheck}). The caller exits with the
 * state's code; the text alone does not tell Nagios the state.
 */
public final class NagiosReportWriter implements ReportWriter {
  private final NagiosThresholds thresholds;

  public NagiosReportWriter(NagiosThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    out.write(NagiosCheck.of(report, thresholds).text());
    out.flush();
  }
}
