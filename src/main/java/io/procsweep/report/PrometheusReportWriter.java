package io.procsweep.report;

import java.io.IOException;
import java.io.Writer;

/**
 * The Prometheus text exposition of a scan ({@link PrometheusExposition}), for
 * node_exporter's textfile collector: {@code scan --format prometheus --output
 * DIR/procsweep.prom}, written atomically and mode 0644 so the collector never reads half a
 * file and may read it as another user. The collector only reads files named {@code *.prom}.
 */
public final class PrometheusReportWriter implements ReportWriter {
  @Override
  public void write(Report report, Writer out) throws IOException {
    out.write(PrometheusExposition.render(report));
    out.flush();
  }
}
