package io.procsweep.cleanup;

import java.io.IOException;

/**
 * Cleanup must stop before the next signal: an audit line could not be written (nothing is
 * signalled without a record), or the user interrupted the run (SIGINT, SIGTERM, SIGHUP).
 */
final class Halt extends Exception {
  private static final long serialVersionUID = 1L;

  /** {@code aborted} or {@code interrupted}: the outcome's reason for what was left undone. */
  private final String reason;

  private Halt(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  static Halt auditFailed(IOException cause) {
    return new Halt("aborted", "audit log write failed: " + cause.getMessage(), cause);
  }

  static Halt interruption() {
    return new Halt("interrupted", "interrupted", null);
  }

  String reason() {
    return reason;
  }

  boolean interrupted() {
    return reason.equals("interrupted");
  }
}
