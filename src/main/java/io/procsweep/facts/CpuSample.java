package io.procsweep.facts;

import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.Snapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU times from an earlier read, to turn CPU time into a rate over the window between the two
 * reads. Processes are matched by pid and start time, so a reused pid never borrows another
 * process's history.
 */
public final class CpuSample {
  private final Map<ProcessKey, ProcessInfo> earlier = new HashMap<>();
  private final long windowMs;

  public CpuSample(Snapshot first, long windowMs) {
    for (ProcessInfo p : first.processes()) {
      earlier.put(p.key(), p);
    }
    this.windowMs = windowMs;
  }

  public long windowMs() {
    return windowMs;
  }

  /** CPU percent over the window (100 = one core), or null if the process was not seen earlier. */
  public Double cpuPercent(ProcessInfo now) {
    ProcessInfo before = earlier.get(now.key());
    if (before == null || windowMs <= 0) {
      return null;
    }
    long used = Math.max(0, now.cpuTotalMs() - before.cpuTotalMs());
    return used * 100.0 / windowMs;
  }

  /** The process as it was at the first read, or null. */
  public ProcessInfo before(ProcessInfo now) {
    return earlier.get(now.key());
  }
}
