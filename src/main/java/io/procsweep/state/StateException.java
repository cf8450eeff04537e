package io.procsweep.state;

/**
 * The state file could not be used at all (its lock is held too long, its directory cannot be
 * created, the new state cannot be written): one sentence naming the file.
 */
public final class StateException extends Exception {
  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
