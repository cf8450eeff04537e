package io.procsweep.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few libc calls procsweep needs that jna-platform does not declare. Every call that can
 * fail declares {@link LastErrorException}, so JNA captures errno right after the call, before
 * anything else on the thread (the JVM included) can overwrite it.
 */
interface UnixLibc extends Library {

  /** kill(2). Also used with signal 0 to ask "does this pid exist?". */
  int kill(int pid, int sig) throws LastErrorException;

  /**
   * syscall(2), for calls glibc wraps only since 2.36 (pidfd_open, pidfd_send_signal) or not
   * at all. Arguments must be {@code Long}s: syscall(2) reads every argument as a full register,
   * and a 32-bit vararg leaves the upper half undefined.
   */
  long syscall(long number, Object... args) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  /** prctl(2); procsweep run uses PR_SET_CHILD_SUBREAPER. */
  int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

  /**
   * waitid(2) for one pid ({@code P_PID}), never for any child: the JDK reaps its own children
   * and a wait for any would steal their statuses.
   */
  int waitid(int idtype, int id, com.sun.jna.Pointer infop, int options)
      throws LastErrorException;

  /** getuid(2); cannot fail. */
  int getuid();

  /** isatty(3): 1 when {@code fd} is a terminal, 0 (errno set) otherwise. */
  int isatty(int fd);

  /**
   * ioctl(2) with a pointer argument; {@link Tty} asks TIOCGWINSZ. The request is an {@code
   * unsigned long}, hence NativeLong.
   */
  int ioctl(int fd, com.sun.jna.NativeLong request, com.sun.jna.Pointer arg)
      throws LastErrorException;

  /**
   * Loads libc. Throws {@link LinkageError} (UnsatisfiedLinkError) when JNA's own native
   * library cannot be loaded; callers turn that into a failed operation, not a crash.
   */
  static UnixLibc load() {
    return Native.load("c", UnixLibc.class);
  }

  /**
   * libc, loaded on first use and then shared by every caller. A failed load is retried next
   * time (and throws again), so a caller that catches it fails that one operation only.
   */
  static UnixLibc shared() {
    UnixLibc c = Shared.instance;
    if (c == null) {
      c = load();
      Shared.instance = c; // a race loads twice at worst: both proxies call the same libc
    }
    return c;
  }

  /** Where {@link #shared()} keeps the loaded instance (interfaces hold no mutable fields). */
  final class Shared {
    private static volatile UnixLibc instance;

    private Shared() {}
  }
}
