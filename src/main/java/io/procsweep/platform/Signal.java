package io.procsweep.platform;

/**
 * The signals cleanup sends. Numbers are Linux's; {@code ProcessControl} implementations map
 * them for their OS (macOS: CHLD is 20). Windows has no signals: TERM and KILL both become
 * TerminateProcess, CHLD is not supported there.
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
