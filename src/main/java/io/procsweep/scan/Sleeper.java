package io.procsweep.scan;

import java.time.Duration;

/**
 * Pauses between the reads of a CPU sample and between cleanup's polls; tests pass one that
 * advances a fake clock instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  /** Really waits. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
