package io.procsweep.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cleanup.Interruption;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The loop on scripted scans: no process table, no real waiting. */
class WatchLoopTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private static Finding finding(String rule, int pid, long start, long age) {
    ProcessInfo p = new ProcessInfo(pid, 1, "proc-" + pid, null, List.of("proc-" + pid), "root",
        0, ProcState.SLEEPING, start, 0, 0, null, 1, pid, pid, null, null, false);
    return new Finding(rule, "orphan", Severity.MEDIUM, rule, p, age, Map.of(),
        CleanupSpec.NONE);
  }

  private static ScanResult result(int n, List<Finding> findings) {
    Snapshot s = new Snapshot(T0.plusSeconds(n), "proc",
        new HostInfo("h", "os", "k", 0, 1), List.of(), List.of(), List.of());
    return new ScanResult(T0.plusSeconds(n), 1, 0, s, findings, List.of());
  }

  /** Plays back results (or failures) in order, then keeps returning the last one. */
  private static final class Script implements ScanStep {
    private final Deque<Object> steps = new ArrayDeque<>();
    private Object last;
    int calls;

    Script add(Object resultOrException) {
      steps.add(resultOrException);
      return this;
    }

    @Override
    public ScanResult scan() throws SnapshotException {
      calls++;
      Object next = steps.isEmpty() ? last : steps.poll();
      last = next;
      if (next instanceof SnapshotException) {
        throw (SnapshotException) next;
      }
      if (next instanceof RuntimeException) {
        throw (RuntimeException) next;
      }
      return (ScanResult) next;
    }
  }

  /** Counts what listeners hear. */
  private static final class Counting implements WatchListener {
    final List<ScanResult> scanned = new ArrayList<>();
    final List<SnapshotException> failed = new ArrayList<>();

    @Override
    public void scanned(ScanResult r) {
      scanned.add(r);
    }

    @Override
    public void failed(SnapshotException e) {
      failed.add(e);
    }
  }

  private static WatchLoop loop(ScanStep step, Duration interval, long count,
      List<FindingEvent> events, WatchListener l) {
    return new WatchLoop(step, interval, OptionalLong.of(count), d -> { }, () -> false,
        events::add, List.of(l));
  }

  @Test
  void countThreeWithNoIntervalRunsExactlyThreeScansAndNeverSleeps() throws Exception {
    Script step = new Script().add(result(0, List.of()));
    Counting l = new Counting();
    List<Duration> sleeps = new ArrayList<>();
    WatchLoop loop = new WatchLoop(step, Duration.ZERO, OptionalLong.of(3), sleeps::add,
        () -> false, e -> { }, List.of(l));
    WatchLoop.Summary s = loop.run();
    assertEquals(3, l.scanned.size());
    assertEquals(3, step.calls);
    assertEquals(new WatchLoop.Summary(3, 0), s);
    assertEquals(List.of(), sleeps, "interval 0: back to back");
  }

  @Test
  void pausesAtMostTheIntervalBetweenScansAndNotAfterTheLast() throws Exception {
    Script step = new Script().add(result(0, List.of()));
    List<Duration> sleeps = new ArrayList<>();
    new WatchLoop(step, Duration.ofSeconds(30), OptionalLong.of(4), sleeps::add, () -> false,
        e -> { }, List.of()).run();
    assertEquals(3, sleeps.size(), "a pause between each two scans");
    for (Duration d : sleeps) {
      assertTrue(d.compareTo(Duration.ZERO) > 0 && d.compareTo(Duration.ofSeconds(30)) <= 0,
          "the scan's own time is taken off the interval: " + d);
    }
  }

  @Test
  void newAndResolvedByRuleAndProcessIdentity() throws Exception {
    Finding a = finding("orphan", 100, 5_000, 1);
    Finding aLater = finding("orphan", 100, 5_000, 31);
    Finding b = finding("zombie", 200, 6_000, 1);
    Finding bReused = finding("zombie", 200, 9_000, 1); // same pid, another process
    Finding c = finding("orphan", 300, 7_000, 1);
    Finding cOtherRule = finding("stale-listener-orphan", 300, 7_000, 1);
    Script step = new Script()
        .add(result(0, List.of(a, b)))
        .add(result(1, List.of(aLater, b)))
        .add(result(2, List.of(bReused, c)))
        .add(result(3, List.of(bReused, cOtherRule)));
    List<FindingEvent> events = new ArrayList<>();
    loop(step, Duration.ZERO, 4, events, new Counting()).run();

    List<String> seen = events.stream().map(e -> e.kind().label() + " "
        + e.finding().rule() + " " + e.finding().process().pid() + "@"
        + e.finding().process().startTimeMs() + " t" + e.at().getEpochSecond() % 60).toList();
    assertEquals(List.of(
        "new orphan 100@5000 t0", "new zombie 200@6000 t0",
        // scan 1: nothing changed (a's age did not make it another finding)
        "resolved orphan 100@5000 t2", "resolved zombie 200@6000 t2",
        "new zombie 200@9000 t2", "new orphan 300@7000 t2",
        "resolved orphan 300@7000 t3", "new stale-listener-orphan 300@7000 t3"), seen);
    assertSame(aLater, events.get(2).finding(), "a resolved event carries the finding as last seen");
  }

  @Test
  void aFailedScanIsReportedAndCountedAndTheLoopGoesOn() throws Exception {
    SnapshotException broken = new SnapshotException("cannot list /proc");
    Finding a = finding("orphan", 100, 5_000, 1);
    Script step = new Script()
        .add(result(0, List.of(a)))
        .add(broken)
        .add(broken)
        .add(result(3, List.of()));
    Counting l = new Counting();
    List<FindingEvent> events = new ArrayList<>();
    WatchLoop.Summary s = loop(step, Duration.ZERO, 4, events, l).run();
    assertEquals(new WatchLoop.Summary(4, 2), s);
    assertEquals(List.of(broken, broken), l.failed);
    assertEquals(2, l.scanned.size());
    // The failures neither resolved nor re-opened the finding: only the next real scan did.
    assertEquals(List.of(FindingEvent.Kind.NEW, FindingEvent.Kind.RESOLVED),
        events.stream().map(FindingEvent::kind).toList());
  }

  @Test
  void anyOtherErrorEndsTheLoop() {
    IllegalStateException usage = new IllegalStateException("--descendants-of 42: gone");
    Script step = new Script().add(result(0, List.of())).add(usage);
    Counting l = new Counting();
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> loop(step, Duration.ZERO, 10, new ArrayList<>(), l).run());
    assertSame(usage, thrown);
    assertEquals(2, step.calls);
  }

  @Test
  void stopEndsThePauseAndDropsAScanThatFinishesAfterIt() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Finding a = finding("orphan", 100, 5_000, 1);
    ScanStep step = () -> {
      stop.set(true); // a SIGTERM while this scan ran
      return result(0, List.of(a));
    };
    Counting l = new Counting();
    List<FindingEvent> events = new ArrayList<>();
    WatchLoop.Summary s = new WatchLoop(step, Duration.ofHours(1), OptionalLong.empty(),
        d -> { throw new AssertionError("no pause after a stop"); }, stop::get, events::add,
        List.of(l)).run();
    assertEquals(new WatchLoop.Summary(0, 0), s);
    assertEquals(List.of(), events);
    assertEquals(List.of(), l.scanned);
  }

  @Test
  void stopDuringThePauseEndsTheLoop() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Counting l = new Counting();
    WatchLoop.Summary s = new WatchLoop(new Script().add(result(0, List.of())),
        Duration.ofHours(1), OptionalLong.empty(), d -> stop.set(true), stop::get, e -> { },
        List.of(l)).run();
    assertEquals(new WatchLoop.Summary(1, 0), s);
  }

  /**
   * Hours of watching in a few thousand iterations: thousands of findings come and go, and the
   * loop holds exactly the last scan's findings each time, never more.
   */
  @Test
  void holdsOnlyTheCurrentFindingsThroughChurn() throws Exception {
    Random random = new Random(42);
    List<Integer> currentSizes = new ArrayList<>();
    List<Integer> tracked = new ArrayList<>();
    long[] seen = new long[2];
    int iterations = 2_000;
    WatchLoop[] holder = new WatchLoop[1];
    int[] n = {0};
    ScanStep churn = () -> {
      int i = n[0]++;
      int size = 1_000 + random.nextInt(2_000);
      List<Finding> findings = new ArrayList<>(size);
      for (int k = 0; k < size; k++) {
        // Pids drawn from a wide range with start times that change: most findings are new
        // every few scans, so an accumulating loop would hold millions by the end.
        int pid = random.nextInt(20_000) + 2;
        findings.add(finding(k % 3 == 0 ? "zombie" : "orphan", pid, pid * 7L + i / 5, 1));
      }
      currentSizes.add((int) findings.stream().map(Finding::key).distinct().count());
      return result(i, findings);
    };
    WatchListener afterEach = new WatchListener() {
      @Override
      public void scanned(ScanResult r) {
        tracked.add(holder[0].tracked());
      }

      @Override
      public void failed(SnapshotException e) {
      }
    };
    holder[0] = new WatchLoop(churn, Duration.ZERO, OptionalLong.of(iterations), d -> { },
        () -> false, e -> seen[e.kind() == FindingEvent.Kind.NEW ? 0 : 1]++,
        List.of(afterEach));
    holder[0].run();
    assertEquals(iterations, tracked.size());
    for (int i = 0; i < iterations; i++) {
      assertEquals(currentSizes.get(i), tracked.get(i),
          "after scan " + i + " the tracked set is that scan's findings, nothing older");
    }
    assertTrue(seen[0] > 1_000_000L, "the churn really replaced findings: " + seen[0] + " new");
    assertEquals(seen[0] - seen[1], (long) tracked.get(iterations - 1),
        "new minus resolved is what is left");
  }

  @Test
  void interruptionWakesALongSleepAtOnce() {
    Interruption stop = new Interruption();
    Thread signaller = new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      stop.request("SIGTERM");
    });
    signaller.start();
    // A liveness bound, not a timing assertion: an hour's pause must end on the request.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> stop.sleep(Duration.ofHours(1)));
    assertTrue(stop.requested());
  }

  @Test
  void interruptionSleepsTheWholeTimeWhenNotAsked() throws Exception {
    Interruption stop = new Interruption();
    long t0 = System.nanoTime();
    stop.sleep(Duration.ofMillis(300));
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(300).toNanos(),
        "waited at least the time asked");
  }
}
