package io.procsweep.platform;

import io.procsweep.snapshot.ProcStat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a process's identity from /proc with exactly the arithmetic of the snapshot's
 * {@code proc} backend ({@code ProcSnapshotSource}), so that an identity read here compares
 * equal, to the millisecond, with the one in a scan:
 *
 * <pre>startTimeMs = btime * 1000 + startTicks * 1000 / AT_CLKTCK</pre>
 *
 * <p>btime comes from {@code /proc/stat} and is read once per instance, as the snapshot does:
 * the kernel recomputes it on every read as wall clock minus uptime, truncated to seconds, so a
 * clock step can move it by one second; within one cleanup run every check then uses the same
 * reference. If it did move between the scan and the cleanup, every identity reads as changed
 * and nothing is signalled: the safe way to be wrong. Ticks per second come from this JVM's
 * auxiliary vector (what {@code sysconf(_SC_CLK_TCK)} returns) with the snapshot's default of 100.
 *
 * <p>Plain Java, no JNA: {@code alive()} is polled during grace periods and should not need the
 * native library. Thread-safe (no shared buffer).
 */
final class ProcIdentityReader {
  private static final long DEFAULT_CLOCK_TICKS = 100;
  private static final long AT_CLKTCK = 17;

  private final Path proc;
  private volatile long bootMs = -1;
  private volatile long ticksPerSecond = -1;

  ProcIdentityReader(Path procRoot) {
    this.proc = procRoot;
  }

  Observed observe(int pid) {
    if (pid <= 0) {
      return Observed.gone();
    }
    byte[] stat;
    try {
      stat = Files.readAllBytes(proc.resolve(pid + "/stat"));
    } catch (IOException e) {
      return isGone(e) ? Observed.gone() : Observed.unreadable("stat: " + reason(e));
    }
    ProcStat st;
    try {
      st = ProcStat.parse(stat, stat.length);
    } catch (IllegalArgumentException e) {
      return Observed.unreadable("stat: " + e.getMessage());
    }
    long boot = bootMs();
    if (boot < 0) {
      // Without btime there is no start time, and without a start time no identity: fail
      // closed rather than compare against a made-up value.
      return Observed.unreadable("no btime in " + proc.resolve("stat"));
    }
    long start = boot + st.startTicks() * 1000L / ticksPerSecond();
    return Observed.found(new ProcessIdentity(pid, start, st.name()), st.ended());
  }

  /** Real uid from {@code /proc/self/status}: the fallback when libc cannot be loaded. */
  Integer selfUid() {
    try {
      for (String line : Files.readAllLines(proc.resolve("self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] f = line.substring(4).trim().split("\\s+");
          return Integer.valueOf(f[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through: unknown
    }
    return null;
  }

  private long bootMs() {
    long cached = bootMs;
    if (cached >= 0) {
      return cached;
    }
    try {
      for (String line : Files.readAllLines(proc.resolve("stat"))) {
        if (line.startsWith("btime ")) {
          long ms = Long.parseLong(line.substring(6).trim()) * 1000L;
          bootMs = ms;
          return ms;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through: unknown, and not cached, so a later call may succeed
    }
    return -1;
  }

  private long ticksPerSecond() {
    long cached = ticksPerSecond;
    if (cached > 0) {
      return cached;
    }
    long hz = -1;
    try {
      byte[] auxv = Files.readAllBytes(proc.resolve("self/auxv"));
      int word = "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8;
      hz = auxValue(auxv, word, ByteOrder.nativeOrder(), AT_CLKTCK);
    } catch (IOException e) {
      // fall through to the default, as the snapshot does
    }
    hz = hz > 0 ? hz : DEFAULT_CLOCK_TICKS;
    ticksPerSecond = hz;
    return hz;
  }

  /** One value of an auxiliary vector: (type, value) native-word pairs ending at type 0. */
  static long auxValue(byte[] b, int wordSize, ByteOrder order, long type) {
    ByteBuffer buf = ByteBuffer.wrap(b).order(order);
    while (buf.remaining() >= 2 * wordSize) {
      long t = wordSize == 8 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
      long v = wordSize == 8 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
      if (t == 0) {
        break;
      }
      if (t == type) {
        return v;
      }
    }
    return -1;
  }

  /**
   * ENOENT: no such process. ESRCH: the process is exiting right now (open or read of its files
   * fails that way while the task is torn down).
   */
  private static boolean isGone(IOException e) {
    if (e instanceof NoSuchFileException) {
      return true;
    }
    String why = e instanceof FileSystemException
        ? ((FileSystemException) e).getReason() : e.getMessage();
    return "No such process".equals(why);
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "access denied";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
