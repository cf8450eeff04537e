package io.procsweep.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * What {@code procsweep run} needs from the OS to keep hold of what its command starts: become
 * a child subreaper (Linux), reap adopted children one pid at a time, and forward a signal to
 * the command it started. Every call fails soft: false means "not done here".
 */
public final class ChildReaper {
  private static final int PR_SET_CHILD_SUBREAPER = 36;
  private static final int P_PID = 1;
  private static final int WNOHANG = 1;
  private static final int WEXITED = 4;
  /** sizeof(siginfo_t) on every Linux ABI. */
  private static final int SIGINFO_SIZE = 128;
  private static final int SIGCHLD = 17;

  private final Os os;

  private ChildReaper(Os os) {
    this.os = os;
  }

  public static ChildReaper forCurrentOs() {
    return new ChildReaper(Os.current());
  }

  /**
   * Makes this process the reaper of its orphaned descendants (prctl PR_SET_CHILD_SUBREAPER):
   * a double-forked or setsid'd descendant then gets procsweep as its parent instead of pid 1.
   * False off Linux or when the kernel refuses (before 3.4).
   */
  public boolean becomeSubreaper() {
    if (os != Os.LINUX) {
      return false;
    }
    try {
      return libc().prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
    } catch (LastErrorException | LinkageError e) {
      return false;
    }
  }

  /**
   * Reaps {@code pid} if it is an exited child of this process: waitid(P_PID, pid,
   * WEXITED|WNOHANG). Never waits, never touches another child. Call it only for adopted pids,
   * never for a child the JDK started (its reaper thread owns that status).
   *
   * @return whether a status was collected (the zombie is gone)
   */
  public boolean reapIfExited(int pid) {
    if (os == Os.WINDOWS || pid <= 0) {
      return false;
    }
    try (Memory info = new Memory(SIGINFO_SIZE)) {
      info.clear();
      int rc = libc().waitid(P_PID, pid, info, WEXITED | WNOHANG);
      // With WNOHANG and nothing to collect Linux leaves si_signo zero; a reaped child sets it.
      return rc == 0 && info.getInt(0) == SIGCHLD;
    } catch (LastErrorException | LinkageError e) {
      return false; // ECHILD: not our child (any more)
    }
  }

  /**
   * Sends SIGINT, SIGTERM or SIGHUP (by name: INT, TERM, HUP) to the command procsweep started
   * and still holds (the JDK has not reaped it, so the pid cannot have been reused).
   */
  public boolean forward(ProcessHandle child, String signalName) {
    int sig = switch (signalName) {
      case "INT" -> 2;
      case "HUP" -> 1;
      case "TERM" -> 15;
      default -> 0;
    };
    if (!child.isAlive()) {
      return false;
    }
    if (os == Os.WINDOWS) {
      return child.destroy(); // no signals there: TerminateProcess is the one way to ask
    }
    if (sig == 0) {
      return false;
    }
    try {
      return libc().kill((int) child.pid(), sig) == 0;
    } catch (LastErrorException | LinkageError e) {
      return false;
    }
  }

  private static UnixLibc libc() {
    return UnixLibc.shared();
  }
}
