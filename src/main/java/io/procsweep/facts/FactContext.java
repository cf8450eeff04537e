package io.procsweep.facts;

import io.procsweep.snapshot.ProcessInfo;
import java.time.Instant;
import java.util.Set;

/**
 * Everything a fact may be computed from, for one process.
 *
 * @param process the process
 * @param index its snapshot
 * @param now when the facts are taken (the snapshot's time)
 * @param sample the earlier CPU read, or null when no sample was taken
 * @param subreapers names of processes that adopt orphans besides pid 1
 * @param platform {@code linux}, {@code macos}, {@code windows} or {@code other}
 * @param history the time-based facts of this scan (CPU over a window, time in state), from the
 *     sample and any saved state
 */
public record FactContext(
    ProcessInfo process,
    SnapshotIndex index,
    Instant now,
    CpuSample sample,
    Set<String> subreapers,
    String platform,
    History history) {

  public FactContext {
    if (history == null) {
      history = History.forOne(process, sample, index.snapshot());
    }
  }

  /** Without saved state: the time-based facts come from {@code sample} alone. */
  public FactContext(ProcessInfo process, SnapshotIndex index, Instant now, CpuSample sample,
      Set<String> subreapers, String platform) {
    this(process, index, now, sample, subreapers, platform, null);
  }

  public boolean linux() {
    return "linux".equals(platform);
  }

  public ProcessInfo parent() {
    return process.ppid() > 0 ? index.get(process.ppid()) : null;
  }
}
