package io.procsweep.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A crontab line. cron repeats evenly only for minutes that divide an hour, hours that divide a
 * day, and once a day ({@code *}{@code /7} restarts at every hour: :00, :07, ... :56, :00), so
 * other intervals are refused with the nearest ones it can keep.
 */
public final class Cron {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");

  private Cron() {}

  /** Every interval cron repeats evenly, shortest first. */
  static List<Duration> expressible() {
    List<Duration> all = new ArrayList<>();
    for (int m = 1; m < 60; m++) {
      if (60 % m == 0) {
        all.add(Duration.ofMinutes(m));
      }
    }
    for (int h = 1; h <= 24; h++) {
      if (24 % h == 0) {
        all.add(Duration.ofHours(h));
      }
    }
    return all;
  }

  /** The line: five schedule fields, then the command (cron's {@code %} escaped). */
  public static String line(Duration every, ScheduledScan scan) {
    scan.requireAbsolute(PathStyle.POSIX);
    String dir = shellQuote(scan.workDir(PathStyle.POSIX));
    // 0750 as systemd's StateDirectoryMode: saved reports name every process's command line.
    String command = "mkdir -p -m 0750 " + dir + " && cd " + dir + " && "
        + scan.argv(PathStyle.POSIX).stream().map(Cron::shellQuote)
            .collect(Collectors.joining(" "));
    // cron turns an unescaped % into a line break (the rest becomes stdin); \% is a plain %.
    return fields(every) + " " + command.replace("%", "\\%");
  }

  /** The five time fields: {@code *}{@code /15 * * * *}, {@code 0 *}{@code /6 * * *}, ... */
  public static String fields(Duration every) {
    long ms = every.toMillis();
    if (ms < 60_000) {
      throw new ScheduleException("cron runs a job at most once a minute, so not every "
          + Spans.text(every) + "; use --every 1m, or 'procsweep watch --interval "
          + Spans.text(every) + "' for a shorter interval");
    }
    if (ms % 60_000 == 0 && ms < 3_600_000 && 60 % (ms / 60_000) == 0) {
      long m = ms / 60_000;
      return (m == 1 ? "*" : "*/" + m) + " * * * *";
    }
    if (ms % 3_600_000 == 0 && ms < 86_400_000 && 24 % (ms / 3_600_000) == 0) {
      long h = ms / 3_600_000;
      return "0 " + (h == 1 ? "*" : "*/" + h) + " * * *";
    }
    if (ms == 86_400_000) {
      return "0 0 * * *";
    }
    throw new ScheduleException(nearest(every));
  }

  private static String nearest(Duration every) {
    Duration below = null;
    Duration above = null;
    for (Duration d : expressible()) {
      if (d.compareTo(every) < 0) {
        below = d;
      } else if (above == null) {
        above = d;
      }
    }
    String choices = above == null ? "--every " + Spans.text(below)
        : "--every " + Spans.text(below) + " or --every " + Spans.text(above);
    return "cron cannot repeat a job evenly every " + Spans.text(every) + " (only minutes that"
        + " divide an hour, hours that divide a day, or once a day); the nearest it can are "
        + choices + ", or use --target systemd";
  }

  /** POSIX shell quoting: plain words stay as they are, anything else in single quotes. */
  static String shellQuote(String s) {
    if (PLAIN.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
