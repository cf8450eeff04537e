package io.procsweep.facts;

import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.ReadTime;
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
  private final ReadTime firstRead;
  private final long windowNanos;

  /** A sample with a given window (tests; the window is taken as exact). */
  public CpuSample(Snapshot first, long windowMs) {
    this(first, first.processesRead(), windowMs * 1_000_000);
  }

  private CpuSample(Snapshot first, ReadTime firstRead, long windowNanos) {
    for (ProcessInfo p : first.processes()) {
      earlier.put(p.key(), p);
    }
    this.firstRead = firstRead;
    this.windowNanos = windowNanos;
  }

  /**
   * The sample between two reads, over the distance between their process walks ({@link
   * Snapshot#processesRead()}): what else a read does, the listener read above all, is no part
   * of the window, or every rate would read low by that share.
   */
  public static CpuSample between(Snapshot first, Snapshot last) {
    return new CpuSample(first, first.processesRead(),
        last.processesRead().nanosSince(first.processesRead()));
  }

  /** The window in milliseconds, rounded. */
  public long windowMs() {
    return Math.round(windowNanos / 1e6);
  }

  /** The window in seconds, exactly as the rates use it. */
  public double windowSeconds() {
    return windowNanos / 1e9;
  }

  /** When the earlier read's process walk happened. */
  public ReadTime firstRead() {
    return firstRead;
  }

  /** CPU percent over the window (100 = one core), or null if the process was not seen earlier. */
  public Double cpuPercent(ProcessInfo now) {
    ProcessInfo before = earlier.get(now.key());
    if (before == null || windowNanos <= 0) {
      return null;
    }
    long used = Math.max(0, now.cpuTotalMs() - before.cpuTotalMs());
    return used * 1e8 / windowNanos;
  }

  /** The process as it was at the first read, or null. */
  public ProcessInfo before(ProcessInfo now) {
    return earlier.get(now.key());
  }
}
