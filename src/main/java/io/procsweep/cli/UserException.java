package io.procsweep.cli;

/** A problem the user can fix, reported as one sentence with exit code 2. */
final class UserException extends RuntimeException {
  UserException(String message) {
    super(message);
  }

  UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
