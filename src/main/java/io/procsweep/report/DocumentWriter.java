package io.procsweep.report;

import java.io.IOException;
import java.io.Writer;

/** Writes one document (a scan report, a plan, an outcome) in one format. */
@FunctionalInterface
public interface DocumentWriter<T> {
  void write(T document, Writer out) throws IOException;
}
