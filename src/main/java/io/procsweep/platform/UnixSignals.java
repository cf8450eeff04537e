package io.procsweep.platform;

/** Signal numbers and errno values for the Unix implementations. */
final class UnixSignals {
  /** errno values shared by Linux and macOS (both inherit them from 4.4BSD / POSIX.1). */
  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int ESRCH = 3;
  static final int EINVAL = 22;
  /** Linux only: the syscall does not exist here (kernel older than the call). */
  static final int ENOSYS_LINUX = 38;

  private UnixSignals() {}

  /** Linux numbers (x86, arm, arm64, riscv; not alpha, mips, sparc, parisc). */
  static int linux(Signal s) {
    switch (s) {
      case STOP:
        return 19;
      case CONT:
        return 18;
      case CHLD:
        return 17;
      default:
        return common(s);
    }
  }

  /** macOS (and the BSDs): the 4.4BSD numbers, where STOP, CONT and CHLD differ from Linux. */
  static int mac(Signal s) {
    switch (s) {
      case STOP:
        return 17;
      case CONT:
        return 19;
      case CHLD:
        return 20;
      default:
        return common(s);
    }
  }

  /** The numbers every Unix shares (POSIX fixes TERM and KILL). */
  private static int common(Signal s) {
    switch (s) {
      case TERM:
        return 15;
      case KILL:
        return 9;
      default:
        throw new IllegalArgumentException(s.name());
    }
  }

  /**
   * A failed kill(2) or pidfd_send_signal: ESRCH means the process was reaped between the check
   * and the signal (nothing was signalled), EPERM that we may not signal it.
   */
  static SignalResult failure(int errno) {
    switch (errno) {
      case ESRCH:
        return SignalResult.GONE;
      case EPERM:
        return SignalResult.DENIED;
      default:
        return SignalResult.ERROR;
    }
  }
}
