package io.procsweep.watch;

import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.SnapshotException;

/**
 * One scan, run again and again by {@link WatchLoop}. The caller builds it once (rules, scope,
 * backend, sample window) and may carry state from one call to the next (first-seen times,
 * the previous CPU sample): the loop only calls it.
 */
@FunctionalInterface
public interface ScanStep {
  /**
   * Scans once.
   *
   * @throws SnapshotException when the process table could not be read this time; the loop
   *     reports it and tries again at the next interval
   */
  ScanResult scan() throws SnapshotException, InterruptedException;
}
