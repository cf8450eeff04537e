package io.procsweep.state;

/** A state file that is not one this procsweep wrote: its reason is a few words for a warning. */
public final class StateFormatException extends Exception {
  public StateFormatException(String reason) {
    super(reason);
  }

  public StateFormatException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
