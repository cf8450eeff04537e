package io.procsweep.cleanup.pidfile;

import java.util.Objects;

/**
 * What became of one planned pid-file removal.
 *
 * @param result removed, skipped (left in place on purpose) or error
 * @param reason for skipped and error: {@code gone}, {@code changed}, {@code unverified},
 *     {@code error}; null when removed
 * @param message one sentence for the outcome and the audit log
 */
public record Removal(Result result, String reason, String message) {

  /** The three ends of a removal. */
  public enum Result {
    REMOVED,
    SKIPPED,
    ERROR
  }

  public Removal {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(message, "message");
  }

  static Removal skipped(String reason, String message) {
    return new Removal(Result.SKIPPED, reason, message);
  }
}
