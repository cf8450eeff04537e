package io.procsweep.platform;

import io.procsweep.procfs.ProcClock;
import io.procsweep.procfs.ProcFiles;
import io.procsweep.procfs.ProcReader;
import io.procsweep.procfs.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's identity from /proc through the same {@link ProcStat} parser and
 * {@link ProcClock} arithmetic as the snapshot, so that it compares equal, to the millisecond,
 * with the identity in a scan. If the boot time moved between the scan and the cleanup, every identity reads as
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
      return ProcReader.isGone(e)
          ? Observed.gone() : Observed.unreadable("stat: " + ProcReader.reason(e));
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
      byte[] b = Files.readAllBytes(proc.resolve("self/status"));
      return ProcFiles.parseStatusUid(b, b.length);
    } catch (IOException e) {
      return null; // unknown
    }
  }
}
