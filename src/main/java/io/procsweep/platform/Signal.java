package io.procsweep.platform;

/**
 * The signals procsweep sends. {@code ProcessControl} implementations map them to their OS's
 * numbers ({@code UnixSignals}: STOP is 19 on Linux and 17 on macOS, CONT 18 and 19, CHLD 17 and
 * 20). Windows has no signals: TERM and KILL both become TerminateProcess; CHLD, STOP and CONT
 * are not supported there (ERROR, the process untouched).
 */
public enum Signal {
  TERM("SIGTERM"),
  KILL("SIGKILL"),
  CHLD("SIGCHLD"),
  /** Freezes a kill-tree while it is re-collected, so no member can fork out of it. */
  STOP("SIGSTOP"),
  /** Lets a stopped process run again, so a pending SIGTERM is delivered. */
  CONT("SIGCONT");

  private final String label;

  Signal(String label) {
    this.label = label;
  }

  /** {@code SIGTERM}, as plans, outcomes and the audit log spell it. */
  public String label() {
    return label;
  }
}
