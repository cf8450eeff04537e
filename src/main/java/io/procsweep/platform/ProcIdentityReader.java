package io.procsweep.platform;

import io.procsweep.procfs.ProcClock;
import io.procsweep.procfs.ProcReader;
import io.procsweep.procfs.ProcStat;
import io.procsweep.procfs.ProcStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's identity from /proc through the same {@link ProcStat} parser and
 * {@link ProcClock} arithmetic as the snapshot, so that it compares equal, to the millisecond,
 * with the identity in a scan, and checks in {@code status} that the pid is a process and not
 * one of its threads. If the boot time moved between the scan and the cleanup, every identity reads as
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
    // /proc/TID/stat opens for any thread id, with the thread's own name and start time; a
    // thread must never pass for a process (kill(2) on it signals its whole process).
    ProcStatus status;
    try {
      status = ProcStatus.read(proc, pid);
    } catch (IOException e) {
      return ProcReader.isGone(e)
          ? Observed.gone() : Observed.unreadable("status: " + ProcReader.reason(e));
    }
    if (status.tgid() == null) {
      return Observed.unreadable("status: no Tgid line");
    }
    if (!status.isProcess(pid)) {
      return Observed.thread(status.tgid());
    }
    long start = units.startTimeMs(st.startTicks());
    return Observed.found(new ProcessIdentity(pid, start, st.name()), st.ended());
  }

  /** Real uid from {@code /proc/self/status}: the fallback when libc cannot be loaded. */
  Integer selfUid() {
    try {
      byte[] b = Files.readAllBytes(proc.resolve("self/status"));
      return ProcStatus.parse(b, b.length).uid();
    } catch (IOException e) {
      return null; // unknown
    }
  }
}
