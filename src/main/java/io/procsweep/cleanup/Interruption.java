package io.procsweep.cleanup;

/**
 * A request to stop cleanup before its next signal, set from a signal handler (SIGINT, SIGTERM,
 * SIGHUP). A flag rather than a thread interrupt: an interrupt would also close the audit log's
 * and /proc's file channels mid-write (ClosedByInterruptException), losing exactly the records
 * an interrupted run must leave.
 */
public final class Interruption {
  private volatile String signal;

  /** Asks the run to stop; {@code signal} names what asked ({@code SIGINT}), for the audit. */
  public void request(String signal) {
    if (this.signal == null) {
      this.signal = signal;
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
