package io.procsweep.platform;

import com.sun.jna.LastErrorException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Linux: identity from /proc, signals through a pidfd.
 *
 * <p>Flow of {@link #signal}: pidfd_open(pid) pins whatever process has the pid now → read its
 * identity from /proc → compare with the target → pidfd_send_signal(pidfd) → close. Why the
 * pidfd makes the check and the signal refer to the same process: the pidfd names the process
 * that held the pid at open time and never another. If the /proc read then matches the target,
 * the target held the pid at read time; it started before the scan and so before the open,
 * hence it is the process the pidfd names. If the pinned process exits in between, the read no
 * longer matches (CHANGED) or the send fails with ESRCH (GONE); nothing else is ever signalled.
 *
 * <p>Syscall numbers: pidfd_send_signal is 424 and pidfd_open 434 on every architecture
 * (from 5.1 new syscalls get one number for all arches: asm-generic/unistd.h and x86_64's
 * table agree; only alpha is offset). pidfd_open needs Linux 5.3, pidfd_send_signal 5.1. They
 * are called through syscall(2) rather than glibc's wrappers, which exist only since 2.36.
 *
 * <p>Falls back to check-then-kill(2) (see {@link KillFlow} for the race that leaves) for this
 * and every later call when pidfd_open fails with ENOSYS (kernel before 5.3) or EPERM (a seccomp
 * filter that blocks syscalls it does not know, as older container runtimes do; pidfd_open
 * itself checks no permission). EINVAL (before 6.9) or ENOENT (6.9 and later; seen on 6.18)
 * with flags 0 means the pid is a thread, not a process: that call goes through the kill flow,
 * whose /proc read finds a {@code Tgid} other than the pid and refuses it as
 * {@link SignalResult#THREAD} (kill(2) on a thread id would signal its whole process), and
 * pidfds stay on for later calls. Every path checks the Tgid, so no pid whose Tgid is not the
 * pid itself is ever signalled, and {@link #identity} gives none for it. Zombies can be pinned and signalled through a pidfd (checked on 6.18).
 */
final class LinuxProcessControl implements ProcessControl {
  static final long SYS_PIDFD_SEND_SIGNAL = 424;
  static final long SYS_PIDFD_OPEN = 434;

  private final ProcIdentityReader reader;
  /** Null until known: pidfds are probed on first use, not at construction. */
  private volatile Boolean pidfd;

  LinuxProcessControl() {
    this(Path.of("/proc"), true);
  }

  /**
   * For tests: another /proc (fixtures), and {@code allowPidfd=false} to force the kill
   * fallback on a kernel that has pidfds.
   */
  LinuxProcessControl(Path procRoot, boolean allowPidfd) {
    this.reader = new ProcIdentityReader(procRoot);
    this.pidfd = allowPidfd ? null : Boolean.FALSE;
  }

  @Override
  public SignalResult signal(ProcessIdentity target, Signal signal) {
    if (!IdentityCheck.signallablePid(target.pid())) {
      return SignalResult.ERROR;
    }
    int sig = UnixSignals.linux(signal);
    UnixLibc c;
    try {
      c = libc();
    } catch (LinkageError e) {
      return SignalResult.ERROR; // JNA's native library cannot be loaded: nothing can be sent
    }
    if (Boolean.FALSE.equals(pidfd)) {
      return viaKill(c, target, sig);
    }
    int fd;
    try {
      fd = (int) c.syscall(SYS_PIDFD_OPEN, (long) target.pid(), 0L);
      pidfd = Boolean.TRUE;
    } catch (LastErrorException e) {
      switch (e.getErrorCode()) {
        case UnixSignals.ESRCH:
          return SignalResult.GONE;
        case UnixSignals.ENOSYS_LINUX:
        case UnixSignals.EPERM:
          pidfd = Boolean.FALSE;
          return viaKill(c, target, sig);
        case UnixSignals.EINVAL:
        case UnixSignals.ENOENT:
          return viaKill(c, target, sig);
        default:
          return SignalResult.ERROR; // EMFILE, ENOMEM: try again later, never unchecked
      }
    }
    try {
      return viaPidfd(c, fd, target, sig);
    } finally {
      closeQuietly(c, fd);
    }
  }

  private SignalResult viaPidfd(UnixLibc c, int fd, ProcessIdentity target, int sig) {
    Observed seen = KillFlow.confirmGone(reader.observe(target.pid()), () -> sendOk(c, fd, 0));
    Optional<SignalResult> refusal = IdentityCheck.refusal(target, seen);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    try {
      c.syscall(SYS_PIDFD_SEND_SIGNAL, (long) fd, (long) sig, 0L, 0L);
      return SignalResult.SENT;
    } catch (LastErrorException e) {
      return UnixSignals.failure(e.getErrorCode());
    }
  }

  /** pidfd_send_signal with signal 0: does the pinned process still exist (EPERM: yes)? */
  private static boolean sendOk(UnixLibc c, int fd, int sig) {
    try {
      c.syscall(SYS_PIDFD_SEND_SIGNAL, (long) fd, (long) sig, 0L, 0L);
      return true;
    } catch (LastErrorException e) {
      return e.getErrorCode() != UnixSignals.ESRCH;
    }
  }

  private SignalResult viaKill(UnixLibc c, ProcessIdentity target, int sig) {
    return KillFlow.signal(target, sig, reader::observe, c::kill);
  }

  private static void closeQuietly(UnixLibc c, int fd) {
    try {
      c.close(fd);
    } catch (LastErrorException e) {
      // Linux releases the fd even when close reports an error; retrying could close another.
    }
  }

  @Override
  public Optional<ProcessIdentity> identity(int pid) {
    return reader.observe(pid).asIdentity();
  }

  @Override
  public boolean alive(ProcessIdentity target) {
    return IdentityCheck.alive(target, reader.observe(target.pid()));
  }

  @Override
  public Optional<Integer> currentUid() {
    try {
      return Optional.of(libc().getuid());
    } catch (LinkageError e) {
      return Optional.ofNullable(reader.selfUid());
    }
  }

  /**
   * {@code pidfd} or {@code kill}, probed (pidfd_open on this JVM) if no signal was sent yet, so
   * an audit log header written before the first signal is right; {@code unavailable} when JNA
   * cannot load libc (then every signal is an ERROR).
   */
  @Override
  public String mechanism() {
    if (pidfd == null) {
      try {
        probe(libc());
      } catch (LinkageError e) {
        return "unavailable";
      }
    }
    return Boolean.FALSE.equals(pidfd) ? "kill" : "pidfd";
  }

  private void probe(UnixLibc c) {
    try {
      int fd = (int) c.syscall(SYS_PIDFD_OPEN, ProcessHandle.current().pid(), 0L);
      closeQuietly(c, fd);
      pidfd = Boolean.TRUE;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == UnixSignals.ENOSYS_LINUX || e.getErrorCode() == UnixSignals.EPERM) {
        pidfd = Boolean.FALSE;
      }
      // anything else (EMFILE) says nothing about support: leave it to the first signal
    }
  }

  private static UnixLibc libc() {
    return UnixLibc.shared();
  }
}
