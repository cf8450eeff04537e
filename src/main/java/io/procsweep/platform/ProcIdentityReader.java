package io.procsweep.platform;

import io.procsweep.snapshot.ProcClock;
import io.procsweep.snapshot.ProcStat;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a process's identity from /proc through the snapshot's own {@link ProcStat} parser and
 * {@link ProcClock} arithmetic, so that it compares equal, to the millisecond, with the identity
 * in a scan. If the boot time moved between the scan and the cleanup, every identity reads as
 * changed and nothing is signalled: the safe way to be wrong.
 *
 * <p>Plain Java, no JNA: {@code alive()} is polled during grace periods and should not need the
 * native library. Thread-safe (no shared buffer).
 */
final class ProcIdentityReader {
  private final Path proc;
  private final ProcClock units;

  ProcIdentityReader(Path procRoot) {
    this.proc = procRoot;
    this.units = new ProcClock(procRoot);
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
    if (units.bootTimeMs() < 0) {
      // Without btime there is no start time, and without a start time no identity: fail
      // closed rather than compare against a made-up value.
      return Observed.unreadable("no btime in " + proc.resolve("stat"));
    }
    long start = units.startTimeMs(st.startTicks());
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
