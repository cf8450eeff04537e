package io.procsweep.platform;

import com.sun.jna.LastErrorException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Check, then kill(2): the flow for systems that give no handle to pin a pid with (macOS, and
 * Linux before 5.3 or where seccomp hides pidfd_open).
 *
 * <p>The race it cannot close: between the identity read and kill(2) the process can exit, be
 * reaped by its parent, and have its pid handed to a new process, which then gets the signal.
 * That needs the pid counter to wrap all the way round (pid_max is 4,194,304 on 64-bit Linux,
 * 99,998 on macOS) inside a few microseconds, so it is unlikely but not impossible; Linux's
 * pidfd flow exists to close it.
 */
final class KillFlow {

  /** kill(2), throwing errno; a seam so the flow is tested without signalling anything. */
  interface Kill {
    void kill(int pid, int sig) throws LastErrorException;
  }

  private KillFlow() {}

  static SignalResult signal(
      ProcessIdentity target, int sig, IntFunction<Observed> observe, Kill kill) {
    if (!IdentityCheck.signallablePid(target.pid())) {
      return SignalResult.ERROR;
    }
    Observed seen =
        confirmGone(observe.apply(target.pid()), () -> exists(kill, target.pid()));
    Optional<SignalResult> refusal = IdentityCheck.refusal(target, seen);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    try {
      kill.kill(target.pid(), sig);
      return SignalResult.SENT;
    } catch (LastErrorException e) {
      return UnixSignals.failure(e.getErrorCode());
    }
  }

  /**
   * A read that found no process while the kernel still knows the pid is not "gone": /proc
   * mounted with {@code hidepid=2} hides other users' processes, and OSHI on macOS cannot read
   * zombies. Such a process is unreadable, and so not signalled.
   */
  static Observed confirmGone(Observed seen, BooleanSupplier stillExists) {
    return seen.kind() == Observed.Kind.GONE && stillExists.getAsBoolean()
        ? Observed.unreadable("process exists but cannot be read")
        : seen;
  }

  /** kill(pid, 0): success or EPERM both mean some process has the pid. */
  static boolean exists(Kill kill, int pid) {
    try {
      kill.kill(pid, 0);
      return true;
    } catch (LastErrorException e) {
      return e.getErrorCode() != UnixSignals.ESRCH;
    }
  }
}
