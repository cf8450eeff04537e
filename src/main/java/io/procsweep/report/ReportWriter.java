package io.procsweep.report;

import java.io.IOException;
import java.io.Writer;

/** Renders a report in one format. One implementation per format. */
public interface ReportWriter {
  void write(Report report, Writer out) throws IOException;
}
