package io.procsweep.cleanup;

import io.procsweep.platform.Signal;
import java.util.Objects;

/**
 * One rung of an escalation: send {@code signal}, then wait up to {@code waitMs} for the process
 * to end before the next rung. On Windows {@link Signal#KILL} stands for TerminateProcess.
 */
public record Step(Signal signal, long waitMs) {
  public Step {
    Objects.requireNonNull(signal, "signal");
    if (waitMs < 0) {
      throw new IllegalArgumentException("waitMs must not be negative: " + waitMs);
    }
  }
}
