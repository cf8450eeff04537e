package io.procsweep.cleanup;

import java.io.IOException;

/** An audit line could not be written; the executor stops before the next signal. */
final class AuditFailure extends Exception {
  private static final long serialVersionUID = 1L;

  AuditFailure(IOException cause) {
    super("audit log write failed: " + cause.getMessage(), cause);
  }
}
