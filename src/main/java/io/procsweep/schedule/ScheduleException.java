package io.procsweep.schedule;

/** A schedule that cannot be written as asked; the message is one sentence for the user. */
public final class ScheduleException extends RuntimeException {
  public ScheduleException(String message) {
    super(message);
  }
}
