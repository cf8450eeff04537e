package io.procsweep.cleanup;

import io.procsweep.platform.Signal;
import java.time.Duration;
import java.util.List;

/** The signal sequences of DESIGN §7, per mode and platform. */
final class Escalation {
  static final String WINDOWS_NOTE =
      "Windows has no signals: SIGKILL stands for TerminateProcess";

  private Escalation() {}

  /** Safe: one SIGTERM and the grace period. Forced: TERM, wait, TERM, wait, KILL, wait. */
  static List<Step> terminate(Mode mode, Duration grace, boolean windows) {
    long ms = grace.toMillis();
    if (windows) {
      // TerminateProcess cannot be caught, so there is nothing to escalate to.
      return List.of(new Step(Signal.KILL, ms));
    }
    if (mode == Mode.SAFE) {
      return List.of(new Step(Signal.TERM, ms));
    }
    // A second TERM: some programs (dev servers, test runners) stop on the second one.
    // The wait after KILL only confirms the end; polling stops as soon as it comes.
    return List.of(new Step(Signal.TERM, ms), new Step(Signal.TERM, ms),
        new Step(Signal.KILL, ms));
  }

  static List<Step> signalParent(Duration grace) {
    return List.of(new Step(Signal.CHLD, grace.toMillis()));
  }

  static String note(boolean windows) {
    return windows ? WINDOWS_NOTE : null;
  }
}
