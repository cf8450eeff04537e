package io.procsweep.state;

import io.procsweep.snapshot.ProcState;
import java.time.Instant;
import java.util.Objects;

/**
 * What one run remembers about one process for the next.
 *
 * @param cpuTotalMs user + kernel CPU time at the last read
 * @param cpuReadAt when that read's process walk happened
 * @param state the state it was in
 * @param stateSince since when it is known to have been in that state (the first read that saw
 *     it there, or earlier when an earlier run did)
 * @param highCpuSince since when it is known to have stayed above the high-CPU threshold, or
 *     null when it was not above it
 */
public record ProcessRecord(
    long cpuTotalMs, Instant cpuReadAt, ProcState state, Instant stateSince,
    Instant highCpuSince) {
  public ProcessRecord {
    Objects.requireNonNull(cpuReadAt, "cpuReadAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stateSince, "stateSince");
  }
}
