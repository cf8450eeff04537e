package io.procsweep.procfs;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel units of {@code /proc} turned into ours: boot time, clock ticks and pages. The
 * snapshot and cleanup's identity check both compute start times here, so an identity read
 * just before a signal equals the one the scan recorded, to the millisecond, by construction:
 *
 * <pre>startTimeMs = btime * 1000 + startTicks * 1000 / AT_CLKTCK</pre>
 *
 * <p>{@code btime} is read once per instance: the kernel recomputes it on every read as wall
 * clock minus uptime, truncated to seconds, so a clock step can move it by a second; start
 * times are identities, so every read through one instance uses the same reference. Page size
 * and ticks per second come from this JVM's auxiliary vector (what {@code sysconf} returns, no
 * fork, no JNA), with the values of every mainstream build as the fallback. Thread-safe.
 */
public final class ProcClock {
  private static final long DEFAULT_PAGE_SIZE = 4096;
  private static final long DEFAULT_CLOCK_TICKS = 100;

  private final Path proc;
  private volatile long bootMs = -1;
  /** {@code [page size, clock ticks per second]}, read once. */
  private volatile long[] machine;

  public ProcClock(Path procRoot) {
    this.proc = procRoot;
  }

  /**
   * Boot time, epoch ms; -1 when {@code /proc/stat} has no readable {@code btime} (not cached,
   * so a later call may succeed). Without it there is no start time and so no identity.
   */
  public long bootTimeMs() {
    long cached = bootMs;
    if (cached >= 0) {
      return cached;
    }
    try {
      byte[] b = Files.readAllBytes(proc.resolve("stat"));
      long btime = ProcFiles.parseBtime(b, b.length);
      if (btime >= 0) {
        bootMs = btime * 1000L;
      }
      return btime < 0 ? -1 : btime * 1000L;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Start time in epoch ms for a stat start time in ticks; call only when boot time is known. */
  public long startTimeMs(long startTicks) {
    return bootTimeMs() + ticksToMs(startTicks);
  }

  public long ticksToMs(long ticks) {
    return ticks * 1000L / machine()[1];
  }

  public long pageSize() {
    return machine()[0];
  }

  private long[] machine() {
    long[] m = machine;
    if (m != null) {
      return m;
    }
    long page = -1;
    long hz = -1;
    try {
      byte[] b = Files.readAllBytes(proc.resolve("self/auxv"));
      int word = "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8;
      page = ProcFiles.auxValue(b, b.length, word, ByteOrder.nativeOrder(), ProcFiles.AT_PAGESZ);
      hz = ProcFiles.auxValue(b, b.length, word, ByteOrder.nativeOrder(), ProcFiles.AT_CLKTCK);
    } catch (IOException e) {
      // fall through to the defaults
    }
    m = new long[] {page > 0 ? page : DEFAULT_PAGE_SIZE, hz > 0 ? hz : DEFAULT_CLOCK_TICKS};
    machine = m;
    return m;
  }
}
