package io.procsweep.watch;

import io.procsweep.scan.ScanResult;
import io.procsweep.scan.Sleeper;
import io.procsweep.snapshot.SnapshotException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Scans in a loop ({@code procsweep watch}): each scan's findings are compared with the last
 * scan's by {@link io.procsweep.state.FindingKey}, and what appeared or went away goes to the {@link EventSink};
 * then every {@link WatchListener} hears of the scan. Scans start {@code interval} apart (a scan
 * that takes longer is followed at once, never by a burst of catch-up scans).
 *
 * <p>A scan that cannot read the process table ({@link SnapshotException}) is a failure the loop
 * survives: listeners hear of it and the next scan comes at the next interval. Anything else (a
 * scope that names nothing any more, an events file that cannot be written) ends the loop.
 *
 * <p>The loop ends when {@code stop} says so (checked before each scan and after each scan and
 * pause) or after {@code count} scans, failed ones included. A scan that finishes after a stop
 * was asked for is dropped, not reported: its CPU sample was cut short. Pass a {@code sleeper}
 * that returns as soon as {@code stop} turns true, so that a long interval ends promptly.
 */
public final class WatchLoop {
  /**
   * What a finished loop did.
   *
   * @param scans scans completed or failed
   * @param failures those that failed
   */
  public record Summary(long scans, long failures) {}

  private final ScanStep step;
  private final Duration interval;
  private final OptionalLong count;
  private final Sleeper sleeper;
  private final BooleanSupplier stop;
  private final EventSink events;
  private final List<WatchListener> listeners;
  private final FindingTracker tracker = new FindingTracker();

  /**
   * @param step one scan
   * @param interval from the start of one scan to the start of the next; zero runs them back to
   *     back
   * @param count how many scans to run; empty for no limit
   * @param sleeper waits between scans
   * @param stop true once the loop should end
   * @param events where new and resolved findings go
   * @param listeners told of each scan, in this order, after its events
   */
  public WatchLoop(ScanStep step, Duration interval, OptionalLong count, Sleeper sleeper,
      BooleanSupplier stop, EventSink events, List<WatchListener> listeners) {
    this.step = Objects.requireNonNull(step, "step");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("negative interval " + interval);
    }
    this.interval = interval;
    if (count.isPresent() && count.getAsLong() < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count.getAsLong());
    }
    this.count = count;
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.stop = Objects.requireNonNull(stop, "stop");
    this.events = Objects.requireNonNull(events, "events");
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Runs until stopped or {@code count} scans are done.
   *
   * @throws IOException when an event cannot be written
   * @throws InterruptedException when the thread is interrupted (a stop request is not one)
   */
  public Summary run() throws IOException, InterruptedException {
    long scans = 0;
    long failures = 0;
    while (!stop.getAsBoolean()) {
      long started = System.nanoTime();
      ScanResult result;
      try {
        result = step.scan();
      } catch (SnapshotException e) {
        result = null;
        if (stop.getAsBoolean()) {
          break;
        }
        scans++;
        failures++;
        for (WatchListener l : listeners) {
          l.failed(e);
        }
      }
      if (result != null) {
        if (stop.getAsBoolean()) {
          break;
        }
        scans++;
        for (FindingEvent e : tracker.update(result.findings(), result.startedAt())) {
          events.accept(e);
        }
        for (WatchListener l : listeners) {
          l.scanned(result);
        }
      }
      if (count.isPresent() && scans >= count.getAsLong()) {
        break;
      }
      Duration pause = interval.minusNanos(System.nanoTime() - started);
      if (!pause.isNegative() && !pause.isZero() && !stop.getAsBoolean()) {
        sleeper.sleep(pause);
      }
    }
    return new Summary(scans, failures);
  }

  /** How many findings the loop holds on to: those of the last scan, nothing older. */
  public int tracked() {
    return tracker.size();
  }
}
