package io.procsweep.cleanup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop cleanup before its next signal, set from a signal handler (SIGINT, SIGTERM,
 * SIGHUP). A flag rather than a thread interrupt: an interrupt would also close the audit log's
 * and /proc's file channels mid-write (ClosedByInterruptException), losing exactly the records
 * an interrupted run must leave.
 */
public final class Interruption {
  /** Longer waits are cut to this, so the deadline stays within a long's nanoseconds. */
  private static final Duration LONGEST = Duration.ofDays(365 * 100);

  private volatile String signal;

  /** Asks the run to stop; {@code signal} names what asked ({@code SIGINT}), for the audit. */
  public void request(String signal) {
    synchronized (this) {
      if (this.signal == null) {
        this.signal = signal;
      }
      notifyAll(); // wakes sleep(): watch's pause between scans ends at once
    }
  }

  /**
   * Waits {@code d}, or less if a stop is requested meanwhile (or was already): a signal ends a
   * long pause at once, with no thread interrupt (see the class comment).
   */
  public void sleep(Duration d) throws InterruptedException {
    long deadline = System.nanoTime() + (d.compareTo(LONGEST) > 0 ? LONGEST : d).toNanos();
    synchronized (this) {
      while (signal == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }

  /** True once a stop was requested, or the thread was interrupted (tests, embedders). */
  public boolean requested() {
    return signal != null || Thread.currentThread().isInterrupted();
  }

  /** What asked to stop, or {@code interrupted} for a thread interrupt. */
  String signal() {
    return signal != null ? signal : "interrupted";
  }
}
