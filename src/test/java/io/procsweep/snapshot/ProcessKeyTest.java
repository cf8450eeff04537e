package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Its written-out equals and hashCode keep a record's meaning: both components count. */
class ProcessKeyTest {
  @Test
  void equalWhenPidAndStartTimeAreAndOnlyThen() {
    ProcessKey k = new ProcessKey(42, 1_700_000_000_123L);
    assertEquals(k, new ProcessKey(42, 1_700_000_000_123L));
    assertEquals(k.hashCode(), new ProcessKey(42, 1_700_000_000_123L).hashCode());
    assertNotEquals(k, new ProcessKey(43, 1_700_000_000_123L), "another pid");
    assertNotEquals(k, new ProcessKey(42, 1_700_000_000_124L), "the pid reused later");
    assertNotEquals(k, null);
    assertNotEquals(k, "42");
    assertEquals(2, Set.of(k, new ProcessKey(42, 1L)).size());
    assertEquals("ProcessKey[pid=42, startTimeMs=1700000000123]", k.toString());
  }
}
