package io.procsweep.cli;

import io.procsweep.cleanup.Interruption;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While cleanup runs, SIGINT, SIGTERM and SIGHUP set an {@link Interruption} instead of ending
 * the JVM: the executor then stops before its next signal, thaws what it froze, writes {@code
 * interrupted} to the audit log and the outcome is still printed. The JVM's own handlers come
 * back on close.
 */
final class Interrupts implements AutoCloseable {
  private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private Interrupts() {}

  static Interrupts install(Interruption interruption) {
    Interrupts i = new Interrupts();
    for (String name : SIGNALS) {
      try {
        Signal s = new Signal(name);
        SignalHandler old = Signal.handle(s, sig -> interruption.request("SIG" + sig.getName()));
        i.signals.add(s);
        i.previous.add(old);
      } catch (IllegalArgumentException e) {
        // Not on this OS (Windows has no SIGHUP) or reserved by the JVM: nothing to catch.
      }
    }
    return i;
  }

  @Override
  public void close() {
    for (int k = 0; k < signals.size(); k++) {
      Signal.handle(signals.get(k), previous.get(k));
    }
  }
}
