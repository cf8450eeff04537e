package io.procsweep.schedule;

import java.time.Duration;

/** Interval texts: procsweep's own ({@code 15m}, as --every takes them) and systemd's. */
public final class Spans {
  private Spans() {}

  /** {@code 15m}, {@code 2h}, {@code 90s}, {@code 500ms}: parseable by --every again. */
  public static String text(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  /** A systemd time span ({@code 15min}, {@code 1d}, {@code 90s}). */
  static String systemd(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "min";
    }
    return s + "s";
  }
}
