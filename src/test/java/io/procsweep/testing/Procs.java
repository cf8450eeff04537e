package io.procsweep.testing;

import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/** Hand-built processes and snapshots for unit tests. */
public final class Procs {
  public static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  public static final HostInfo HOST =
      new HostInfo("testhost", "Debian GNU/Linux 12", "6.1.0", NOW.toEpochMilli() - 86_400_000L, 2);

  private Procs() {}

  /** A sleeping process started {@code ageSeconds} before {@link #NOW}, in session {@code sid}. */
  public static ProcessInfo proc(int pid, int ppid, String name, int sid, long ageSeconds) {
    return new ProcessInfo(pid, ppid, name, "/usr/bin/" + name, List.of(name, "--flag"), "alice",
        1000, ProcState.SLEEPING, NOW.toEpochMilli() - ageSeconds * 1000, 100, 50, 4096L, 1, pid,
        sid, null, "/user.slice/user-1000.slice/session-1.scope", false);
  }

  public static ProcessInfo with(ProcessInfo p, ProcState state) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        state, p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(), p.pgid(),
        p.sid(), p.tty(), p.cgroup(), p.kernelThread());
  }

  public static ProcessInfo withCgroup(ProcessInfo p, String cgroup) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        p.state(), p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(),
        p.pgid(), p.sid(), p.tty(), cgroup, p.kernelThread());
  }

  public static ProcessInfo withTty(ProcessInfo p, String tty) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        p.state(), p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(),
        p.pgid(), p.sid(), tty, p.cgroup(), p.kernelThread());
  }

  public static ProcessInfo withCpu(ProcessInfo p, long cpuMs) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        p.state(), p.startTimeMs(), cpuMs, 0, p.rssBytes(), p.threads(), p.pgid(), p.sid(),
        p.tty(), p.cgroup(), p.kernelThread());
  }

  public static Snapshot snapshot(List<ProcessInfo> processes, List<Listener> listeners) {
    return new Snapshot(NOW, "test", HOST, processes, listeners, List.of());
  }
}
