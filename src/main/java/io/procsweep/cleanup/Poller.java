package io.procsweep.cleanup;

import io.procsweep.scan.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, checking every {@value #INTERVAL_MS} ms, up to a deadline. */
final class Poller {
  static final long INTERVAL_MS = 50;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Interruption interruption;

  Poller(Clock clock, Sleeper sleeper, Interruption interruption) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.interruption = interruption;
  }

  /**
   * True as soon as {@code done} holds (checked once right away: most processes end within
   * milliseconds of SIGTERM), false when {@code waitMs} pass first or a stop was requested (a
   * thread interrupt's flag is kept, so the executor stops escalating).
   */
  boolean await(BooleanSupplier done, long waitMs) {
    long now = clock.millis();
    // Saturating: a wait near Long.MAX_VALUE must mean "very long", not a deadline in the past.
    long deadline = waitMs > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + waitMs;
    while (true) {
      if (done.getAsBoolean()) {
        return true;
      }
      long left = deadline - clock.millis();
      if (left <= 0 || interruption.requested()) {
        return false;
      }
      try {
        sleeper.sleep(Duration.ofMillis(Math.min(INTERVAL_MS, left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
