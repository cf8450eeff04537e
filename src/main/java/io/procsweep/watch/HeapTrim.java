package io.procsweep.watch;

import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.SnapshotException;
import java.util.function.LongSupplier;

/**
 * Keeps a long {@code watch}'s heap near what it holds between scans. The launcher's serial
 * collector promotes what a scan still holds at each young collection, and grows the old
 * generation for it instead of collecting it, up to the maximum heap (a quarter of the RAM):
 * at 5,000 processes a one-second watch grew 15 MiB a second, to 6 GiB. After a scan whose
 * heap has grown more than {@code budget} bytes past what the last full collection left, this
 * asks for one; the collector then gives back what is more than 30% free
 * ({@code -XX:MaxHeapFreeRatio}, src/release/lib/jvm.sh).
 */
public final class HeapTrim implements WatchListener {
  /**
   * Small: what the heap holds between collections is resident. At 5,000 processes a scan
   * promotes 6-12 MiB, so a collection comes every other scan either way (15 ms); 4 MiB kept
   * the peak heap at 18 MiB where 12 MiB let it reach 34.
   */
  public static final long BUDGET = 4L << 20;

  private final LongSupplier committed;
  private final Runnable collect;
  private final long budget;
  private long afterLast;
  private long collections;

  /** The JVM's own heap and {@link System#gc()}. */
  public static HeapTrim jvm() {
    Runtime rt = Runtime.getRuntime();
    return new HeapTrim(rt::totalMemory, System::gc, BUDGET);
  }

  /**
   * @param committed the heap's committed size now
   * @param collect a full collection
   * @param budget how far the committed heap may grow past the last collection's
   */
  public HeapTrim(LongSupplier committed, Runnable collect, long budget) {
    this.committed = committed;
    this.collect = collect;
    this.budget = budget;
    this.afterLast = committed.getAsLong();
  }

  @Override
  public void scanned(ScanResult result) {
    trim();
  }

  @Override
  public void failed(SnapshotException e) {
    trim();
  }

  /** How many collections it asked for. */
  public long collections() {
    return collections;
  }

  private void trim() {
    if (committed.getAsLong() - afterLast > budget) {
      collect.run();
      collections++;
      afterLast = committed.getAsLong();
    }
  }
}
