package io.procsweep.leak;

import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcessInfo;
import java.util.List;
import java.util.Objects;

/**
 * One process a wrapped command left behind.
 *
 * @param process as last read
 * @param adopted its parent is procsweep (the subreaper took it in)
 * @param marked its environment carries this run's {@link RunId}
 * @param listening the sockets it listens on (empty when none or not read)
 * @param round 1 for what the first sweep found, 2 and up for what appeared while
 *     {@code --kill-leaked} was ending the earlier rounds
 */
public record Leak(ProcessInfo process, boolean adopted, boolean marked,
    List<Listener> listening, int round) {

  public Leak {
    Objects.requireNonNull(process, "process");
    listening = List.copyOf(listening);
  }

  public int pid() {
    return process.pid();
  }

  Leak withListening(List<Listener> l, int r) {
    return new Leak(process, adopted, marked, l, r);
  }
}
