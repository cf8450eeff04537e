package io.procsweep.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.rules.RuleSet;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.ReadTime;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotSource;
import io.procsweep.state.FindingKey;
import io.procsweep.state.ProcessRecord;
import io.procsweep.state.ScanState;
import io.procsweep.testing.TestRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scans that continue from an earlier scan's state, and the CPU window of a sampled scan. */
class ScannerStateTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final long STARTED = NOW.toEpochMilli() - 3_600_000;
  private static final HostInfo HOST = new HostInfo("h", "linux", "6", 0, 2);

  private static ProcessInfo proc(int pid, ProcState state, long cpuMs) {
    // Its own session leader without a tty: no orphan rule applies, only the state ones.
    return new ProcessInfo(pid, 1, "p" + pid, "/usr/bin/p", List.of("p", "--serve"), "alice",
        1000, state, STARTED, cpuMs, 0, 1L << 20, 1, pid, pid, null,
        "/user.slice/user-1000.slice/session-3.scope", false);
  }

  private static Scanner scanner(RuleSet rules, SnapshotSource source) {
    return new Scanner(source, rules,
        new FactDeriver(FactRegistry.standard(), new HashSet<>(rules.subreapers()), "linux"),
        Clock.fixed(NOW, ZoneOffset.UTC), d -> { });
  }

  private static SnapshotSource fixed(Snapshot s) {
    return new SnapshotSource() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Snapshot read(boolean withListeners) {
        return s;
      }
    };
  }

  @Test
  void aPriorStateGivesFirstSeenAndTimeInStateAndTheNextStateIsBoundedByTheTable()
      throws Exception {
    ProcessInfo stopped = proc(300, ProcState.STOPPED, 10);
    ProcessInfo other = proc(400, ProcState.STOPPED, 10);
    Snapshot s = new Snapshot(NOW, "test", HOST, List.of(stopped, other), List.of(), List.of());
    Instant since = NOW.minusSeconds(700);
    Instant seen = NOW.minusSeconds(3_000);
    ProcessKey gone = new ProcessKey(999, 5);
    ScanState prior = new ScanState(
        Map.of(new FindingKey("stopped-long", stopped.key()), seen,
            new FindingKey("stopped", other.key()), seen,
            new FindingKey("zombie", gone), seen),
        Map.of(stopped.key(), new ProcessRecord(10, NOW.minusSeconds(60), ProcState.STOPPED,
                since, null),
            gone, new ProcessRecord(0, NOW.minusSeconds(60), ProcState.ZOMBIE, since, null)));
    Scope only300 = new Scope(Set.of(300), Set.of(), null, Set.of(), Set.of(), Set.of());
    ScanResult r = scanner(TestRules.shippedPlus(), fixed(s))
        .scan(Duration.ZERO, only300, null, prior);

    assertEquals(1, r.findings().size());
    Finding f = r.findings().get(0);
    // 700 s stopped, known from the earlier run: the shipped ten-minute rule fires.
    assertEquals("stopped-long", f.rule());
    assertEquals(700.0, (Double) f.evidence().get("state_seconds"), 1e-6);
    assertEquals(seen, f.firstSeen());

    ScanState next = r.state();
    assertEquals(Set.of(stopped.key(), other.key()), next.processes().keySet(),
        "records for every present process, none for the one that is gone");
    assertEquals(since, next.process(stopped.key()).stateSince());
    assertEquals(NOW, next.process(other.key()).stateSince(), "first seen stopped now");
    // The finding's first sighting is kept; pid 400 was out of scope, so what was known about
    // it stays; the gone process's is dropped.
    assertEquals(Map.of(new FindingKey("stopped-long", stopped.key()), seen,
        new FindingKey("stopped", other.key()), seen), next.firstSeen());
  }

  @Test
  void withoutStateFirstSeenIsTheScanStartAndTheNextStateStartsHistory() throws Exception {
    ProcessInfo stopped = proc(300, ProcState.STOPPED, 10);
    Snapshot s = new Snapshot(NOW, "test", HOST, List.of(stopped), List.of(), List.of());
    ScanResult r = scanner(TestRules.shippedPlus(), fixed(s))
        .scan(Duration.ZERO, Scope.ALL, null);
    Finding f = r.findings().get(0);
    assertEquals("stopped", f.rule());
    assertEquals(NOW, f.firstSeen());
    assertNull(f.evidence().get("state_seconds"));
    assertEquals(NOW, r.state().firstSeen("stopped", stopped.key()));
    assertEquals(NOW, r.state().process(stopped.key()).stateSince());

    // The next scan, ten minutes and a second later, continues from it.
    Instant later = NOW.plusSeconds(601);
    Snapshot s2 = new Snapshot(later, "test", HOST, List.of(stopped), List.of(), List.of());
    ScanResult r2 = scanner(TestRules.shippedPlus(), fixed(s2))
        .scan(Duration.ZERO, Scope.ALL, null, r.state());
    Finding f2 = r2.findings().get(0);
    assertEquals("stopped-long", f2.rule());
    assertEquals(601.0, (Double) f2.evidence().get("state_seconds"), 1e-6);
    // stopped-long is a new leading rule: a new finding, first seen by this scan.
    assertEquals(NOW, f2.firstSeen());
  }

  /**
   * The CPU window is the distance between the two process walks, not the wall-clock span of
   * the reads: here the second read spends a real 300 ms on "listeners" after its walk, and the
   * window leaves it out.
   */
  @Test
  void theSampleWindowIsTheDistanceBetweenTheProcessWalksNotTheWallSpan() throws Exception {
    List<ReadTime> walks = new ArrayList<>();
    SnapshotSource slowListeners = new SnapshotSource() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Snapshot read(boolean withListeners) {
        long cpu = walks.isEmpty() ? 1_000 : 1_000 + 50; // 50 ms of CPU between the walks
        ReadTime walk = new ReadTime(Instant.now(), System.nanoTime());
        walks.add(walk);
        if (withListeners) {
          try {
            Thread.sleep(300); // the listener read, after the walk
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return new Snapshot(walk.at(), "test", HOST,
            List.of(proc(300, ProcState.RUNNING, cpu)), List.of(), List.of(), walk);
      }
    };
    Scanner sc = new Scanner(slowListeners, TestRules.shippedPlus(),
        new FactDeriver(FactRegistry.standard(), Set.of(), "linux"), Clock.systemUTC(),
        Sleeper.system());
    long before = System.nanoTime();
    ScanResult r = sc.scan(Duration.ofMillis(100), Scope.ALL, null);
    long wallMs = (System.nanoTime() - before) / 1_000_000;

    long walkNanos = walks.get(1).nanos() - walks.get(0).nanos();
    assertEquals(Math.round(walkNanos / 1e6), r.sampleMs());
    assertTrue(wallMs >= r.sampleMs() + 300,
        "the wall span holds the listener read, the window does not: " + wallMs + " vs "
            + r.sampleMs());
    Map<Integer, Object> cpu = new java.util.HashMap<>();
    new FactDeriver(FactRegistry.standard(), Set.of(), "linux")
        .derive(r.snapshot(), io.procsweep.facts.CpuSample.between(
            new Snapshot(walks.get(0).at(), "test", HOST,
                List.of(proc(300, ProcState.RUNNING, 1_000)), List.of(), List.of(),
                walks.get(0)), r.snapshot()))
        .forEach(pf -> cpu.put(pf.process().pid(), pf.get("cpu_percent")));
    assertEquals(50 * 1e8 / walkNanos, (Double) cpu.get(300), 1e-9);
  }
}
