package io.procsweep.platform;

import java.util.Optional;
import java.util.function.IntFunction;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * macOS: identity through OSHI, then kill(2). macOS has no pidfd, so the check and the signal
 * are two steps and {@link KillFlow}'s race remains (pid_max is 99,998 there, and pids are
 * handed out in order, so a reuse inside that window needs the whole range to cycle).
 *
 * <p>The identity is read with the same OSHI calls and the same name rule as the snapshot's
 * {@code oshi} backend (the only one on macOS), so it compares exactly. OSHI cannot read
 * zombies on macOS (its per-pid call fails for them): such a pid, which kill(pid, 0) still
 * finds, is UNREADABLE and not signalled; a zombie needs no signal anyway.
 *
 * <p>Not exercised on this project's Linux CI beyond its decisions (see the unit test); the
 * JNA and OSHI calls are the documented ones.
 */
final class MacProcessControl implements ProcessControl {
  private final IntFunction<Observed> observer;
  private final KillFlow.Kill kill;
  private OperatingSystem os; // guarded by this; new SystemInfo() forks uname etc.: once

  MacProcessControl() {
    this.observer = this::observeWithOshi;
    this.kill = (pid, sig) -> libc().kill(pid, sig);
  }

  /** For tests: a fake process table and a fake kill(2). */
  MacProcessControl(IntFunction<Observed> observer, KillFlow.Kill kill) {
    this.observer = observer;
    this.kill = kill;
  }

  @Override
  public SignalResult signal(ProcessIdentity target, Signal signal) {
    try {
      return KillFlow.signal(target, UnixSignals.mac(signal), observer, kill);
    } catch (LinkageError e) {
      return SignalResult.ERROR; // JNA or OSHI's natives cannot be loaded
    }
  }

  @Override
  public Optional<ProcessIdentity> identity(int pid) {
    try {
      return observer.apply(pid).asIdentity();
    } catch (LinkageError e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean alive(ProcessIdentity target) {
    try {
      return IdentityCheck.alive(target, observer.apply(target.pid()));
    } catch (LinkageError e) {
      return false;
    }
  }

  @Override
  public Optional<Integer> currentUid() {
    try {
      return Optional.of(libc().getuid());
    } catch (LinkageError e) {
      return Optional.empty();
    }
  }

  @Override
  public String mechanism() {
    return "kill";
  }

  private Observed observeWithOshi(int pid) {
    if (pid <= 0) {
      return Observed.gone();
    }
    OSProcess p = os().getProcess(pid);
    if (p == null || p.getState() == OSProcess.State.INVALID) {
      return Observed.gone(); // KillFlow asks kill(pid, 0) whether it is really gone
    }
    if (p.getStartTime() <= 0) {
      return Observed.unreadable("no start time"); // OSHI's 0 means unknown
    }
    return Observed.found(new ProcessIdentity(pid, p.getStartTime(), oshiName(p)),
        p.getState() == OSProcess.State.ZOMBIE);
  }

  /**
   * The snapshot's {@code oshi} backend rule: OSHI's name, else the basename of the path,
   * else {@code ?}. Must stay identical to it, or every identity reads as changed.
   */
  static String oshiName(OSProcess p) {
    return oshiName(p.getName(), p.getPath());
  }

  static String oshiName(String name, String path) {
    if (name != null && !name.isEmpty()) {
      return name;
    }
    String base = path == null ? ""
        : path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    return base.isEmpty() ? "?" : base;
  }

  private synchronized OperatingSystem os() {
    if (os == null) {
      os = new SystemInfo().getOperatingSystem();
    }
    return os;
  }

  private static UnixLibc libc() {
    return UnixLibc.shared();
  }
}
