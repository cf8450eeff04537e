package io.procsweep.cleanup;

/** A saved plan that cannot be read; the message is one sentence naming the file and field. */
public final class PlanFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public PlanFormatException(String message) {
    super(message);
  }

  PlanFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
