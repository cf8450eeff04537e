package io.procsweep.platform;

import java.util.Optional;

/**
 * The only way procsweep signals a process. One implementation per OS; every call re-reads the
 * target's identity first and never signals a pid whose identity differs or cannot be read.
 */
public interface ProcessControl {

  /**
   * Re-checks {@code target} and, if it is still the same process, sends {@code signal}. On
   * Linux ≥ 5.3 the pid is pinned with pidfd_open before the check and signalled through that
   * pidfd, so the check and the signal refer to the same process even if it exits in between.
   * A thread id is never signalled ({@link SignalResult#THREAD}).
   */
  SignalResult signal(ProcessIdentity target, Signal signal);

  /**
   * A fresh read of the identity of {@code pid}; empty when no such process exists or the pid
   * is a thread of another process (Linux: a tid whose Tgid is not itself).
   */
  Optional<ProcessIdentity> identity(int pid);

  /**
   * Whether {@code target} still exists as the same process and is not a zombie (an exited
   * process that awaits its parent's wait() counts as ended).
   */
  boolean alive(ProcessIdentity target);

  /** The real user id of the running procsweep, or empty where uids do not apply (Windows). */
  Optional<Integer> currentUid();

  /** How signals are sent here, for the audit log: {@code pidfd}, {@code kill}, {@code win32}. */
  String mechanism();
}
