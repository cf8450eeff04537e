package io.procsweep.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanStateTest {
  private static final Instant T = Instant.parse("2026-12-02T12:00:00Z");
  private static final ProcessKey A = new ProcessKey(100, 1_000);
  private static final ProcessKey B = new ProcessKey(200, 2_000);
  private static final ProcessKey A_REUSED = new ProcessKey(100, 9_000);

  private static ProcessRecord rec(ProcState s) {
    return new ProcessRecord(5, T, s, T.minusSeconds(30), null);
  }

  private static final ScanState STATE = new ScanState(
      Map.of(new FindingKey("zombie", A), T.minusSeconds(100),
          new FindingKey("stopped", B), T.minusSeconds(50)),
      Map.of(A, rec(ProcState.ZOMBIE), B, rec(ProcState.STOPPED)));

  @Test
  void findingsAreKeyedByLeadingRuleAndProcessIncarnation() {
    assertEquals(T.minusSeconds(100), STATE.firstSeen("zombie", A));
    assertNull(STATE.firstSeen("orphan", A), "another leading rule is another finding");
    assertNull(STATE.firstSeen("zombie", A_REUSED), "a reused pid is another process");
    assertEquals(ProcState.ZOMBIE, STATE.process(A).state());
    assertNull(STATE.process(A_REUSED));
  }

  @Test
  void retainDropsProcessesNoLongerPresentAndTheirFindings() {
    ScanState kept = STATE.retain(Set.of(B, A_REUSED));
    assertEquals(Set.of(B), kept.processes().keySet());
    assertEquals(Set.of(new FindingKey("stopped", B)), kept.firstSeen().keySet());
    assertTrue(STATE.retain(Set.of()).isEmpty());
  }
}
