package io.procsweep.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.ReadTime;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.state.ProcessRecord;
import io.procsweep.state.ScanState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The time-based facts across runs: CPU windows, high-CPU streaks and time in state. */
class HistoryTest {
  private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
  private static final long START = T0.toEpochMilli() - 3_600_000;

  static ProcessInfo proc(int pid, long startMs, ProcState state, long cpuMs) {
    return new ProcessInfo(pid, 1, "p" + pid, null, List.of("p"), "root", 0, state, startMs,
        cpuMs, 0, null, 1, pid, pid, null, null, false);
  }

  static Snapshot at(Instant when, ProcessInfo... ps) {
    return new Snapshot(when, "test", null, List.of(ps), List.of(), List.of(),
        ReadTime.of(when));
  }

  static ScanState prior(ProcessKey key, ProcessRecord rec) {
    return new ScanState(Map.of(), Map.of(key, rec));
  }

  @Test
  void stateSecondsReachBackToTheEarlierRunsSinceTime() {
    ProcessInfo p = proc(10, START, ProcState.STOPPED, 100);
    Instant since = T0.minusSeconds(400);
    ScanState prior = prior(p.key(),
        new ProcessRecord(100, T0.minusSeconds(60), ProcState.STOPPED, since, null));
    History h = History.of(prior, null, at(T0, p), 90);
    assertEquals(400.0, h.stateSeconds(p), 1e-9);
    // and the record handed on keeps the since-time, read now
    ProcessRecord next = h.nextRecords().get(p.key());
    assertEquals(since, next.stateSince());
    assertEquals(T0, next.cpuReadAt());
  }

  @Test
  void aProcessSeenInAnotherStateLastRunIsUnknownAndTimedFromNow() {
    ProcessInfo p = proc(10, START, ProcState.STOPPED, 100);
    ScanState prior = prior(p.key(),
        new ProcessRecord(100, T0.minusSeconds(60), ProcState.SLEEPING, T0.minusSeconds(900),
            null));
    History h = History.of(prior, null, at(T0, p), 90);
    assertNull(h.stateSeconds(p));
    assertEquals(T0, h.nextRecords().get(p.key()).stateSince());
  }

  @Test
  void aReusedPidWithAnotherStartTimeInheritsNothing() {
    ProcessInfo old = proc(10, START, ProcState.STOPPED, 5_000);
    ProcessInfo reused = proc(10, START + 1, ProcState.STOPPED, 100);
    ScanState prior = new ScanState(
        Map.of(new io.procsweep.state.FindingKey("stopped", old.key()), T0.minusSeconds(900)),
        Map.of(old.key(), new ProcessRecord(5_000, T0.minusSeconds(60), ProcState.STOPPED,
            T0.minusSeconds(900), T0.minusSeconds(900))));
    History h = History.of(prior, null, at(T0, reused), 90);
    assertNull(h.stateSeconds(reused));
    assertNull(h.cpuPercent(reused));
    assertNull(h.highCpuSeconds(reused));
    ProcessRecord next = h.nextRecords().get(reused.key());
    assertEquals(T0, next.stateSince());
    assertNull(next.highCpuSince());
    assertEquals(1, h.nextRecords().size(), "the old incarnation is not handed on");
  }

  @Test
  void withoutASampleCpuIsMeasuredSinceThePreviousRunsRead() {
    ProcessInfo p = proc(10, START, ProcState.RUNNING, 1_000 + 45_000);
    ScanState prior = prior(p.key(),
        new ProcessRecord(1_000, T0.minusSeconds(60), ProcState.RUNNING, T0.minusSeconds(60),
            null));
    History h = History.of(prior, null, at(T0, p), 90);
    assertEquals(75.0, h.cpuPercent(p), 1e-9); // 45 s of CPU in 60 s
    assertEquals(0.0, h.highCpuSeconds(p));
    assertNull(h.nextRecords().get(p.key()).highCpuSince());
  }

  @Test
  void highCpuSecondsAccumulateWhileEveryWindowStaysAboveTheThreshold() {
    ProcessInfo p = proc(10, START, ProcState.RUNNING, 1_000 + 57_000);
    Instant streak = T0.minusSeconds(600);
    ScanState prior = prior(p.key(),
        new ProcessRecord(1_000, T0.minusSeconds(60), ProcState.RUNNING, T0.minusSeconds(600),
            streak));
    History h = History.of(prior, null, at(T0, p), 90);
    assertEquals(95.0, h.cpuPercent(p), 1e-9);
    assertEquals(600.0, h.highCpuSeconds(p), 1e-9);
    assertEquals(streak, h.nextRecords().get(p.key()).highCpuSince());

    // The first high window starts a streak as long as the window.
    ScanState fresh = prior(p.key(),
        new ProcessRecord(1_000, T0.minusSeconds(60), ProcState.RUNNING, T0.minusSeconds(600),
            null));
    History first = History.of(fresh, null, at(T0, p), 90);
    assertEquals(60.0, first.highCpuSeconds(p), 1e-9);
    assertEquals(T0.minusSeconds(60), first.nextRecords().get(p.key()).highCpuSince());
  }

  @Test
  void withASampleTheStreakHoldsOnlyIfTheGapSinceTheLastRunWasHighToo() {
    Instant firstAt = T0.minusSeconds(1);
    ProcessInfo before = proc(10, START, ProcState.RUNNING, 10_000);
    ProcessInfo now = proc(10, START, ProcState.RUNNING, 11_000); // 100% over the 1 s sample
    CpuSample sample = CpuSample.between(at(firstAt, before), at(T0, now));
    Instant streak = T0.minusSeconds(600);
    // Idle between the last run (60 s ago) and this scan's first read: the streak restarts.
    ScanState idleGap = prior(now.key(), new ProcessRecord(9_900, T0.minusSeconds(61),
        ProcState.RUNNING, T0.minusSeconds(600), streak));
    History h = History.of(idleGap, sample, at(T0, now), 90);
    assertEquals(100.0, h.cpuPercent(now), 1e-9);
    assertEquals(1.0, h.highCpuSeconds(now), 1e-9);
    assertEquals(firstAt, h.nextRecords().get(now.key()).highCpuSince());
    // Busy in the gap too: the streak goes on from the earlier run's start.
    ScanState busyGap = prior(now.key(), new ProcessRecord(10_000 - 60_000, T0.minusSeconds(61),
        ProcState.RUNNING, T0.minusSeconds(600), streak));
    History k = History.of(busyGap, sample, at(T0, now), 90);
    assertEquals(600.0, k.highCpuSeconds(now), 1e-9);
  }

  @Test
  void aSampleAloneGivesTheWindowAsBefore() {
    Instant firstAt = T0.minusSeconds(2);
    ProcessInfo before = proc(10, START, ProcState.STOPPED, 100);
    ProcessInfo now = proc(10, START, ProcState.STOPPED, 100);
    CpuSample sample = CpuSample.between(at(firstAt, before), at(T0, now));
    History h = History.of(ScanState.EMPTY, sample, at(T0, now), 90);
    assertEquals(2.0, h.stateSeconds(now), 1e-9);
    assertEquals(0.0, h.cpuPercent(now), 1e-9);
    assertEquals(firstAt, h.nextRecords().get(now.key()).stateSince());
  }
}
