package io.procsweep.state;

import io.procsweep.snapshot.ProcessKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one scan hands the next, in memory ({@code watch}) or through a {@link StateFile}
 * ({@code scan --state}): when each finding was first seen, and each process's last CPU
 * sample, state and high-CPU streak. Everything is keyed by process incarnation ({@link
 * ProcessKey}: pid and start time), so a reused pid never inherits another process's history.
 * Immutable.
 *
 * @param firstSeen by leading rule and process
 * @param processes by process
 */
public record ScanState(Map<FindingKey, Instant> firstSeen,
    Map<ProcessKey, ProcessRecord> processes) {

  /** No history: the first run. */
  public static final ScanState EMPTY = new ScanState(Map.of(), Map.of());

  public ScanState {
    firstSeen = Map.copyOf(firstSeen);
    processes = Map.copyOf(processes);
  }

  /** When this leading rule was first seen on this process, or null when never. */
  public Instant firstSeen(String rule, ProcessKey process) {
    return firstSeen.get(new FindingKey(rule, process));
  }

  /** The record of this process incarnation, or null when it was not seen. */
  public ProcessRecord process(ProcessKey key) {
    return processes.get(key);
  }

  public boolean isEmpty() {
    return firstSeen.isEmpty() && processes.isEmpty();
  }

  /**
   * This state without the processes that are no longer present, and without their findings:
   * what a state file keeps is bounded by the process table.
   */
  public ScanState retain(Set<ProcessKey> present) {
    Map<FindingKey, Instant> seen = new HashMap<>();
    firstSeen.forEach((k, v) -> {
      if (present.contains(k.process())) {
        seen.put(k, v);
      }
    });
    Map<ProcessKey, ProcessRecord> kept = new HashMap<>();
    processes.forEach((k, v) -> {
      if (present.contains(k)) {
        kept.put(k, v);
      }
    });
    return new ScanState(seen, kept);
  }
}
