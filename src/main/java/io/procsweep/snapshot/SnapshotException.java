package io.procsweep.snapshot;

/** The process table could not be read at all (exit code 3). */
public final class SnapshotException extends Exception {
  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }

  public SnapshotException(String message) {
    super(message);
  }
}
