package io.procsweep.cleanup;

import io.procsweep.platform.Signal;
import java.util.Objects;

/**
 * One rung of an escalation: send {@code signal}, then wait up to {@code waitMs} for the process
 * to end before the next rung. On Windows {@link Signal#KILL} stands for TerminateProcess.
 */
public record Step(Signal signal, long waitMs) {
  /**
   * No rung waits longer than an hour: a process that has not ended an hour after SIGTERM will
   * not end in the next one, and a bound keeps a hostile plan from parking cleanup forever.
   */
  public static final long MAX_WAIT_MS = 3_600_000;

  public Step {
    Objects.requireNonNull(signal, "signal");
    if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
      throw new IllegalArgumentException("waitMs must be between 0 and " + MAX_WAIT_MS
          + " (one hour): " + waitMs);
    }
  }
}
