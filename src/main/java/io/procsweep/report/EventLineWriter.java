package io.procsweep.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.procsweep.watch.EventSink;
import io.procsweep.watch.FindingEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/**
 * {@code watch}'s events as JSON lines, one per event, flushed as written (a consumer tails
 * them): {@code {"event": "new"|"resolved", "at": "<UTC time>", "finding": {...}}}, where the
 * finding has the shape of a finding in the JSON report ({@link JsonReportWriter#writeFinding}).
 */
public final class EventLineWriter implements EventSink {
  private final Writer out;

  /** Writes to {@code out}, which it flushes after each line and never closes. */
  public EventLineWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void accept(FindingEvent e) throws IOException {
    // Built whole first, so a line reaches the file in one write or not at all.
    StringWriter line = new StringWriter(1024);
    try (JsonGenerator g = JsonOutput.compact(line)) {
      g.writeStartObject();
      g.writeStringField("event", e.kind().label());
      g.writeStringField("at", JsonOutput.timestamp(e.at()));
      g.writeFieldName("finding");
      JsonReportWriter.writeFinding(g, e.finding(), e.at());
      g.writeEndObject();
    }
    line.write('\n');
    out.write(line.toString());
    out.flush();
  }
}
