package io.procsweep.report;

import java.io.IOException;
import java.io.Writer;

/** Renders a scan report in one format. One implementation per format; see {@link Formats}. */
public interface ReportWriter extends DocumentWriter<Report> {
  @Override
  void write(Report report, Writer out) throws IOException;
}
