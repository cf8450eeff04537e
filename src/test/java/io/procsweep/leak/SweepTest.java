package io.procsweep.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SweepTest {
  private static final int SELF = 500;
  private static final RunId ID = new RunId("cafe01");

  private static ProcessInfo proc(int pid, int ppid, ProcState state, long start) {
    return new ProcessInfo(pid, ppid, "p" + pid, "/bin/p", List.of("p" + pid), "root", 0, state,
        start, 0, 0, 1L, 1, pid, pid, null, null, false);
  }

  private static List<Integer> leaked(List<ProcessInfo> ps, Set<ProcessInfo> before,
      Map<Integer, String> env) {
    Sweep s = new Sweep(before.stream().map(ProcessInfo::key).collect(
        java.util.stream.Collectors.toSet()), SELF, Set.of(1, 400), ID);
    Snapshot snap = new Snapshot(Instant.EPOCH, "test", null, ps, List.of(), List.of());
    return s.leaked(snap, pid -> Optional.ofNullable(env.get(pid))).stream().map(Leak::pid)
        .toList();
  }

  @Test
  void adoptedOrMarkedAliveNewProcessesLeak() {
    ProcessInfo adopted = proc(601, SELF, ProcState.SLEEPING, 10);
    ProcessInfo marked = proc(602, 1, ProcState.SLEEPING, 10);
    ProcessInfo stranger = proc(603, 1, ProcState.SLEEPING, 10);
    assertEquals(List.of(601, 602), leaked(List.of(stranger, marked, adopted), Set.of(),
        Map.of(602, "cafe01", 603, "other")));
  }

  @Test
  void newDescendantsOfALeakCountEvenWithTheirMarkerCleared() {
    ProcessInfo marked = proc(601, 1, ProcState.SLEEPING, 10);
    ProcessInfo child = proc(602, 601, ProcState.SLEEPING, 10);
    ProcessInfo grandchild = proc(603, 602, ProcState.SLEEPING, 10);
    ProcessInfo elsewhere = proc(604, 1, ProcState.SLEEPING, 10);
    assertEquals(List.of(601, 602, 603), leaked(List.of(grandchild, elsewhere, child, marked),
        Set.of(), Map.of(601, "cafe01")));
  }

  @Test
  void zombiesSelfAncestorsAndWhatRanBeforeNeverCount() {
    ProcessInfo zombie = proc(601, SELF, ProcState.ZOMBIE, 10);
    ProcessInfo self = proc(SELF, 400, ProcState.RUNNING, 5);
    ProcessInfo ancestor = proc(400, 1, ProcState.SLEEPING, 1);
    ProcessInfo old = proc(602, 1, ProcState.SLEEPING, 3);
    Map<Integer, String> env = Map.of(601, "cafe01", SELF, "cafe01", 400, "cafe01", 602,
        "cafe01");
    assertEquals(List.of(), leaked(List.of(zombie, self, ancestor, old), Set.of(old), env));
    // The same pid with another start time is a new process: pid reuse does not hide it.
    ProcessInfo reused = proc(602, 1, ProcState.SLEEPING, 99);
    assertEquals(List.of(602), leaked(List.of(reused), Set.of(old), env));
  }

  @Test
  void emptyAndOptOutValuesNeverMatch() {
    assertFalse(ID.marks(""));
    assertFalse(ID.marks(null));
    assertFalse(ID.marks("cafe02"));
    assertTrue(ID.marks("cafe01"));
    assertThrows(IllegalArgumentException.class, () -> new RunId(""));
    assertThrows(IllegalArgumentException.class, () -> new RunId("0"));
    assertThrows(IllegalArgumentException.class, () -> new RunId("OFF"));
    ProcessInfo p = proc(601, 1, ProcState.SLEEPING, 10);
    assertEquals(List.of(), leaked(List.of(p), Set.of(), Map.of(601, "")));
    assertEquals(List.of(), leaked(List.of(p), Set.of(), Map.of(601, "off")));
  }

  @Test
  void randomIdsDiffer() {
    assertFalse(RunId.random().equals(RunId.random()));
  }
}
