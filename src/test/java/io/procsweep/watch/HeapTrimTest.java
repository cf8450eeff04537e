package io.procsweep.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procsweep.snapshot.SnapshotException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A full collection only once the heap has grown past the budget since the last one. */
class HeapTrimTest {
  private long committed = 10;
  private final List<Long> collectedAt = new ArrayList<>();

  private HeapTrim trim() {
    return new HeapTrim(() -> committed, () -> {
      collectedAt.add(committed);
      committed = 12; // what the collection gives back to
    }, 20);
  }

  @Test
  void growthWithinTheBudgetIsLeftAlone() {
    HeapTrim t = trim();
    committed = 30; // 20 above the start: not more than the budget
    t.scanned(null);
    assertEquals(List.of(), collectedAt);
    assertEquals(0, t.collections());
  }

  @Test
  void growthPastTheBudgetIsCollectedAndCountsFromWhatTheCollectionLeft() {
    HeapTrim t = trim();
    committed = 31;
    t.scanned(null);
    assertEquals(List.of(31L), collectedAt);
    committed = 32; // 20 above the 12 the collection left
    t.scanned(null);
    assertEquals(1, t.collections());
    committed = 33;
    t.failed(new SnapshotException("no /proc"));
    assertEquals(List.of(31L, 33L), collectedAt, "a failed scan allocates too");
  }
}
