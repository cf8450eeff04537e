package io.procsweep.leak;

import io.procsweep.platform.ChildReaper;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While the wrapped command runs, SIGINT, SIGTERM and SIGHUP sent to procsweep go to the command
 * instead of ending procsweep: a CI runner cancelling the step or Ctrl-C stops the command, and
 * procsweep still sweeps and reports what it left. The JVM's own handlers come back on close.
 */
public final class SignalForwarding implements LeakGuard.Forwarding {
  private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

  private final ChildReaper reaper;

  public SignalForwarding(ChildReaper reaper) {
    this.reaper = reaper;
  }

  @Override
  public AutoCloseable install(Process command) {
    List<Signal> signals = new ArrayList<>();
    List<SignalHandler> previous = new ArrayList<>();
    for (String name : SIGNALS) {
      try {
        Signal s = new Signal(name);
        SignalHandler old = Signal.handle(s, sig -> reaper.forward(command.toHandle(), name));
        signals.add(s);
        previous.add(old);
      } catch (IllegalArgumentException e) {
        // Not on this OS (Windows has no SIGHUP) or reserved by the JVM.
      }
    }
    return () -> {
      for (int k = 0; k < signals.size(); k++) {
        Signal.handle(signals.get(k), previous.get(k));
      }
    };
  }
}
