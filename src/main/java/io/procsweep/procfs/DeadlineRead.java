package io.procsweep.procfs;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a /proc file of a process in disk sleep, waiting for it at most a deadline. Reading the
 * {@code cmdline} or {@code environ} of such a process takes its memory-map lock, which the
 * process may hold for as long as its I/O hangs (an NFS server gone, a dying disk): a plain read
 * would hang the whole scan with it. The read runs on a daemon thread of its own with its own
 * buffer; when the deadline passes the scan goes on without it and the thread is left to finish
 * whenever the kernel lets go (it cannot be interrupted, and holds nothing of the scan's).
 */
public final class DeadlineRead {
  /** How long a scan waits for one such read: far above a read that is merely slow. */
  public static final long DEADLINE_MS = 100;

  /** The read did not finish in time; {@link ProcReader#reason} gives its sentence. */
  public static final class TimedOut extends IOException {
    private static final long serialVersionUID = 1L;

    TimedOut(long ms) {
      super("process in disk sleep: read did not finish within " + ms + " ms");
    }
  }

  private DeadlineRead() {}

  /** The whole file, or {@link TimedOut} when it took longer than {@code deadlineMs}. */
  public static byte[] read(String path, long deadlineMs) throws IOException {
    FutureTask<byte[]> task = new FutureTask<>(() -> {
      ProcReader r = new ProcReader();
      int n = r.read(path);
      return Arrays.copyOf(r.buffer(), n);
    });
    Thread t = new Thread(task, "procsweep-bounded-read");
    t.setDaemon(true);
    t.start();
    try {
      return task.get(deadlineMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TimedOut(deadlineMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }
}
