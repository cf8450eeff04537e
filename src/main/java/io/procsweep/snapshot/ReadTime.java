package io.procsweep.snapshot;

import java.time.Instant;

/**
 * When a snapshot's process table was walked: the middle of the walk, on the wall clock and on
 * the monotonic clock. CPU rates are CPU time over the distance between two walks, so anything
 * else a read does (the listener read, host facts) must not count towards that distance.
 *
 * @param at the wall-clock instant (comparable across runs, for saved state)
 * @param nanos {@link System#nanoTime()} at the same moment (comparable within one JVM only), or
 *     {@link #UNKNOWN_NANOS} for a snapshot built by hand
 */
public record ReadTime(Instant at, long nanos) {
  public static final long UNKNOWN_NANOS = Long.MIN_VALUE;

  /** Known only by its wall-clock instant (a snapshot built by hand, a test). */
  public static ReadTime of(Instant at) {
    return new ReadTime(at, UNKNOWN_NANOS);
  }

  /** The middle of a walk that started at {@code startAt}/{@code startNanos} and ended now. */
  public static ReadTime walk(Instant startAt, long startNanos, long endNanos) {
    long half = (endNanos - startNanos) / 2;
    return new ReadTime(startAt.plusNanos(half), startNanos + half);
  }

  /**
   * Nanoseconds from {@code earlier} to this read: by the monotonic clock when both know it,
   * else by the wall clock.
   */
  public long nanosSince(ReadTime earlier) {
    if (nanos != UNKNOWN_NANOS && earlier.nanos != UNKNOWN_NANOS) {
      return nanos - earlier.nanos;
    }
    return java.time.Duration.between(earlier.at, at).toNanos();
  }
}
