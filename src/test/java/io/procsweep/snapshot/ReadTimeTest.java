package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both backends say when their process walk happened, on both clocks. */
class ReadTimeTest {

  private static void walkedDuringTheRead(SnapshotSource source) throws Exception {
    long before = System.nanoTime();
    Instant wallBefore = Instant.now();
    Snapshot s = source.read(true);
    long after = System.nanoTime();
    ReadTime walk = s.processesRead();
    assertNotEquals(ReadTime.UNKNOWN_NANOS, walk.nanos());
    assertTrue(before <= walk.nanos() && walk.nanos() <= after, source.name());
    assertTrue(!walk.at().isBefore(wallBefore.minusMillis(1)), source.name());
    assertTrue(!walk.at().isBefore(s.takenAt()), source.name());
  }

  @Test
  void procBackend() throws Exception {
    walkedDuringTheRead(new ProcSnapshotSource());
  }

  @Test
  void oshiBackend() throws Exception {
    walkedDuringTheRead(new OshiSnapshotSource());
  }

  @Test
  void aHandBuiltSnapshotIsWalkedWhenTakenAndMeasuresByTheWallClock() {
    Instant t = Instant.parse("2026-12-02T12:00:00Z");
    Snapshot a = new Snapshot(t, "test", null, List.of(), List.of(), List.of());
    Snapshot b = new Snapshot(t.plusMillis(1500), "test", null, List.of(), List.of(), List.of());
    assertEquals(t, a.processesRead().at());
    assertEquals(1_500_000_000L, b.processesRead().nanosSince(a.processesRead()));
    // Both monotonic times known: those count, whatever the wall clock did.
    ReadTime x = new ReadTime(t, 1_000);
    ReadTime y = new ReadTime(t.minusSeconds(5), 2_000);
    assertEquals(1_000, y.nanosSince(x));
  }
}
