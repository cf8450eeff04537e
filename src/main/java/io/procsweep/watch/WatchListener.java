package io.procsweep.watch;

import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.SnapshotException;

/**
 * Told about every scan of a {@link WatchLoop}, after its events are written: a metrics
 * endpoint keeps the last result and counts scans and failures, the CLI notes failures on
 * stderr. Called on the loop's thread; a listener that serves another thread copies what it
 * needs.
 */
public interface WatchListener {
  /** A scan completed. */
  void scanned(ScanResult result);

  /** A scan could not read the process table; the loop goes on. */
  void failed(SnapshotException e);
}
