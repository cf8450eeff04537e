package io.procsweep.cleanup;

import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import java.time.Instant;
import java.util.Objects;

/** One signal cleanup tried to send, to whom, and what came of it. */
public record SignalRecord(int pid, String name, Signal signal, SignalResult result, Instant at) {
  public SignalRecord {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(at, "at");
  }
}
