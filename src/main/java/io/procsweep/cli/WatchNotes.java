package io.procsweep.cli;

import io.procsweep.report.TerminalText;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.watch.WatchListener;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * What {@code watch} says on stderr: a line per scan (left out with --quiet), and a failed scan
 * once per run of failures (never left out), so a process table that stays unreadable for a
 * day is one line, not 2,880.
 */
final class WatchNotes implements WatchListener {
  private final PrintWriter err;
  private final boolean quiet;
  private final Duration interval;
  private long scans;
  private long failedInARow;

  WatchNotes(PrintWriter err, boolean quiet, Duration interval) {
    this.err = err;
    this.quiet = quiet;
    this.interval = interval;
  }

  @Override
  public void scanned(ScanResult r) {
    scans++;
    if (!quiet) {
      if (failedInARow > 0) {
        err.println("procsweep: scans work again, after " + failedInARow + " failed");
      }
      int n = r.findings().size();
      err.println("procsweep: scan " + scans + ": " + n + (n == 1 ? " finding" : " findings")
          + " in " + r.snapshot().processes().size() + " processes, " + r.durationMs() + " ms");
      err.flush();
    }
    failedInARow = 0;
  }

  @Override
  public void failed(SnapshotException e) {
    scans++;
    if (failedInARow++ == 0) {
      err.println("procsweep: scan " + scans + " failed: cannot read the process table: "
          + TerminalText.escape(e.getMessage()) + " (trying again every " + text(interval)
          + "; said once until a scan works)");
      err.flush();
    }
  }

  /** {@code 1h}, {@code 5m}, {@code 30s}, {@code 1500ms}, {@code 0s}: as a user would type it. */
  static String text(Duration d) {
    long ms = d.toMillis();
    if (ms > 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms > 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
