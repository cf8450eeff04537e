package io.procsweep.watch;

import java.io.IOException;

/** Where a {@link WatchLoop} sends its events (report/EventLineWriter writes JSON lines). */
@FunctionalInterface
public interface EventSink {
  /** Takes one event; a failure ends the loop (events that cannot be written are lost). */
  void accept(FindingEvent event) throws IOException;
}
