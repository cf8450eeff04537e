package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchNotesTest {
  private static final ScanResult EMPTY = new ScanResult(Instant.EPOCH, 12, 0,
      new Snapshot(Instant.EPOCH, "proc", new HostInfo("h", "os", "k", 0, 1), List.of(),
          List.of(), List.of()), List.of(), List.of());

  private static String play(boolean quiet) {
    StringWriter text = new StringWriter();
    WatchNotes notes = new WatchNotes(new PrintWriter(text), quiet, Duration.ofSeconds(30));
    SnapshotException e = new SnapshotException("cannot list /proc\u001b[2J");
    notes.scanned(EMPTY);
    notes.failed(e);
    notes.failed(e);
    notes.failed(e);
    notes.scanned(EMPTY);
    notes.failed(e);
    return text.toString();
  }

  @Test
  void aFailureIsSaidOncePerRunOfFailures() {
    assertEquals("procsweep: scan 1: 0 findings in 0 processes, 12 ms\n"
        + "procsweep: scan 2 failed: cannot read the process table: cannot list /proc\\e[2J"
        + " (trying again every 30s; said once until a scan works)\n"
        + "procsweep: scans work again, after 3 failed\n"
        + "procsweep: scan 5: 0 findings in 0 processes, 12 ms\n"
        + "procsweep: scan 6 failed: cannot read the process table: cannot list /proc\\e[2J"
        + " (trying again every 30s; said once until a scan works)\n", play(false));
  }

  @Test
  void quietKeepsOnlyTheFailures() {
    assertEquals(2, play(true).lines().count(), play(true));
    assertEquals(2, play(true).lines().filter(l -> l.contains("failed: cannot read")).count());
  }

  @Test
  void intervalsAreWrittenAsTyped() {
    assertEquals("1h", WatchNotes.text(Duration.ofHours(1)));
    assertEquals("5m", WatchNotes.text(Duration.ofMinutes(5)));
    assertEquals("90s", WatchNotes.text(Duration.ofSeconds(90)));
    assertEquals("1500ms", WatchNotes.text(Duration.ofMillis(1500)));
    assertEquals("0s", WatchNotes.text(Duration.ZERO));
  }
}
