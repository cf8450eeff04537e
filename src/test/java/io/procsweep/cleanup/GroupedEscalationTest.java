package io.procsweep.cleanup;

import static io.procsweep.cleanup.Fixtures.NOW;
import static io.procsweep.cleanup.Fixtures.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cleanup.FakeControl.Delivered;
import io.procsweep.platform.Signal;
import io.procsweep.rules.Severity;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The executor runs all actions rung by rung: rung 1 to every target, one wait, rung 2 to those
 * left. Against the scripted table: signal order, how often the run waited, one action per
 * zombie parent, the final wait for reaping, and the port check.
 */
class GroupedEscalationTest {
  private static final Cause CAUSE = new Cause("orphan", "orphan", Severity.MEDIUM);
  private static final Step TERM = new Step(Signal.TERM, 5000);
  private static final Step KILL = new Step(Signal.KILL, 5000);
  private static final List<Step> FORCED = List.of(TERM, TERM, KILL);

  private final FakeControl control = new FakeControl();
  private final MemoryAudit audit = new MemoryAudit();
  private final FakeClock clock = new FakeClock(NOW);
  private final List<Duration> sleeps = new ArrayList<>();

  private final Target a = Target.of(proc(5001, 1, "worker"));
  private final Target b = Target.of(proc(5002, 1, "worker"));
  private final Target c = Target.of(proc(5003, 1, "worker"));

  private Outcome run(Mode mode, Action... actions) {
    Plan plan = new Plan(mode, NOW, Duration.ofSeconds(5), "testhost", "linux",
        List.of(actions));
    return Fixtures.execute(plan, control, audit, clock, d -> {
      sleeps.add(d);
      clock.advance(d);
    });
  }

  private static Delivered d(Target t, Signal s) {
    return new Delivered(t.pid(), s);
  }

  @Test
  void threeTermIgnoringTargetsGetEachRungTogether() {
    for (Target t : List.of(a, b, c)) {
      control.add(t).diesOn(Signal.KILL);
    }
    Outcome o = run(Mode.FORCED, new Terminate(a, CAUSE, FORCED, null),
        new Terminate(b, CAUSE, FORCED, null), new Terminate(c, CAUSE, FORCED, null));
    assertEquals(List.of(d(a, Signal.TERM), d(b, Signal.TERM), d(c, Signal.TERM),
        d(a, Signal.TERM), d(b, Signal.TERM), d(c, Signal.TERM),
        d(a, Signal.KILL), d(b, Signal.KILL), d(c, Signal.KILL)), control.delivered);
    for (TargetOutcome t : o.targets()) {
      assertEquals(Status.TERMINATED, t.status(), t.toString());
    }
    // Two full waits (after each TERM rung) shared by all three, not six one after another;
    // the fake clock only moves when the run sleeps.
    assertEquals(Duration.ofSeconds(10), Duration.between(NOW, clock.instant()));
    assertEquals(audit.intents().size(), audit.results().size());
  }

  @Test
  void eachTargetStopsGettingRungsOnceItEnded() {
    control.add(a).diesOn(Signal.TERM);
    control.add(b).diesOn(Signal.KILL);
    Outcome o = run(Mode.FORCED, new Terminate(a, CAUSE, FORCED, null),
        new Terminate(b, CAUSE, FORCED, null));
    assertEquals(List.of(d(a, Signal.TERM), d(b, Signal.TERM), d(b, Signal.TERM),
        d(b, Signal.KILL)), control.delivered);
    assertEquals(List.of(Status.TERMINATED, Status.TERMINATED),
        o.targets().stream().map(TargetOutcome::status).toList());
  }

  @Test
  void aWaitEndsAsSoonAsEveryTargetOfTheRungEnded() {
    control.add(a).diesOn(Signal.TERM);
    control.add(b).diesOn(Signal.TERM);
    run(Mode.SAFE, new Terminate(a, CAUSE, List.of(TERM), null),
        new Terminate(b, CAUSE, List.of(TERM), null));
    assertEquals(List.of(), sleeps, "both ended at once: nothing to wait for");
  }

  @Test
  void killTreesAndTerminatesShareTheirRungsAndTreesAreFrozenFirst() {
    Target child = Target.of(proc(6001, 6000, "helper"));
    Target root = Target.of(proc(6000, 1, "runner"));
    control.add(a).diesOn(Signal.KILL);
    control.add(child).diesOn(Signal.KILL);
    control.add(root).diesOn(Signal.KILL);
    run(Mode.FORCED, new Terminate(a, CAUSE, FORCED, null),
        new KillTree(root, CAUSE, FORCED, List.of(child, root), List.of(), null));
    List<Signal> toA = new ArrayList<>();
    int firstKill = -1;
    int lastTerm = -1;
    for (int i = 0; i < control.delivered.size(); i++) {
      Delivered x = control.delivered.get(i);
      if (x.pid() == a.pid()) {
        toA.add(x.signal());
      }
      if (x.signal() == Signal.KILL && firstKill < 0) {
        firstKill = i;
      }
      if (x.signal() == Signal.TERM) {
        lastTerm = i;
      }
    }
    assertEquals(List.of(Signal.TERM, Signal.TERM, Signal.KILL), toA);
    assertEquals(List.of(d(root, Signal.STOP), d(child, Signal.STOP)),
        control.delivered.subList(0, 2), "the tree is frozen before any rung");
    assertTrue(lastTerm < firstKill, "every TERM before the first KILL: " + control.delivered);
  }

  @Test
  void aProcessInTwoActionsGetsEachRungOnce() {
    Target root = Target.of(proc(6000, 1, "runner"));
    Target member = Target.of(proc(6001, 6000, "server"));
    control.add(root).diesOn(Signal.TERM);
    control.add(member).diesOn(Signal.TERM);
    Outcome o = run(Mode.SAFE,
        new KillTree(root, CAUSE, List.of(TERM), List.of(member, root), List.of(), null),
        new Terminate(member, CAUSE, List.of(TERM), null));
    assertEquals(1, control.delivered.stream().filter(x -> x.pid() == member.pid()).count(),
        control.delivered.toString());
    assertEquals(List.of(Status.TERMINATED, Status.TERMINATED),
        o.targets().stream().map(TargetOutcome::status).toList());
  }

  // ---- zombies: one action per parent ------------------------------------------------------

  @Test
  void oneSigchldForEveryZombieOfAParent() {
    Target parent = Target.of(proc(4100, 4000, "make"));
    List<Target> zombies = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Target z = Target.of(Fixtures.state(proc(4200 + i, 4100, "cc1"), ProcState.ZOMBIE));
      control.zombie(z);
      zombies.add(z);
    }
    control.add(parent).hooks.put(Signal.CHLD, () -> zombies.forEach(z -> control.remove(z.pid())));
    Outcome o = run(Mode.SAFE, new SignalParent(zombies, parent, CAUSE,
        List.of(new Step(Signal.CHLD, 5000))));
    assertEquals(List.of(d(parent, Signal.CHLD)), control.delivered);
    assertEquals(25, o.targets().size(), "the outcome lists every zombie");
    assertEquals(zombies, o.targets().stream().map(TargetOutcome::target).toList());
    for (TargetOutcome t : o.targets()) {
      assertEquals(Status.TERMINATED, t.status());
      assertEquals("reaped by its parent (one action for its 25 zombies)", t.message());
    }
  }

  @Test
  void zombiesTheParentDidNotReapSurviveAndTheOthersEnd() {
    Target parent = Target.of(proc(4100, 4000, "make"));
    Target z1 = Target.of(Fixtures.state(proc(4201, 4100, "cc1"), ProcState.ZOMBIE));
    Target z2 = Target.of(Fixtures.state(proc(4202, 4100, "cc1"), ProcState.ZOMBIE));
    control.zombie(z1);
    control.zombie(z2);
    control.add(parent).hooks.put(Signal.CHLD, () -> control.remove(z1.pid()));
    Outcome o = run(Mode.SAFE, new SignalParent(List.of(z1, z2), parent, CAUSE,
        List.of(new Step(Signal.CHLD, 5000))));
    assertEquals(List.of(Status.TERMINATED, Status.SURVIVED),
        o.targets().stream().map(TargetOutcome::status).toList());
    assertEquals(4, o.exitCode());
  }

  @Test
  void forcedParentOfManyZombiesIsEscalatedOnceForAll() {
    Target parent = Target.of(proc(4100, 4000, "make"));
    Target z1 = Target.of(Fixtures.state(proc(4201, 4100, "cc1"), ProcState.ZOMBIE));
    Target z2 = Target.of(Fixtures.state(proc(4202, 4100, "cc1"), ProcState.ZOMBIE));
    control.zombie(z1);
    control.zombie(z2);
    FakeControl.Proc p = control.add(parent).diesOn(Signal.KILL);
    p.onDeath = () -> {
      control.remove(z1.pid());
      control.remove(z2.pid());
    };
    Outcome o = run(Mode.FORCED, new TerminateParent(List.of(z1, z2), parent, CAUSE, FORCED,
        null));
    assertEquals(List.of(d(parent, Signal.TERM), d(parent, Signal.TERM), d(parent, Signal.KILL)),
        control.delivered);
    for (TargetOutcome t : o.targets()) {
      assertEquals(Status.TERMINATED, t.status());
      assertEquals("its parent 4100 ended and the zombie was reaped", t.message());
    }
  }

  // ---- the final wait for reaping ------------------------------------------------------------

  @Test
  void theOutcomeWaitsUntilWhatEndedIsReaped() {
    FakeControl.Proc p = control.add(a).diesOn(Signal.TERM);
    p.reapedAfterReads = 5; // a slow init: a zombie for a few polls after its death
    Outcome o = run(Mode.SAFE, new Terminate(a, CAUSE, List.of(TERM), null));
    assertEquals(Status.TERMINATED, o.targets().get(0).status());
    assertFalse(control.exists(a.pid()), "the run returned while it was still a zombie");
  }

  @Test
  void theReapWaitIsBounded() {
    FakeControl.Proc p = control.add(a).diesOn(Signal.TERM);
    p.reapedAfterReads = Integer.MAX_VALUE; // never reaped
    Outcome o = run(Mode.SAFE, new Terminate(a, CAUSE, List.of(TERM), null));
    assertEquals(Status.TERMINATED, o.targets().get(0).status());
    assertTrue(control.exists(a.pid()));
    assertEquals(Duration.ofMillis(ExecutionRun.REAP_WAIT_MS),
        sleeps.stream().reduce(Duration.ZERO, Duration::plus));
  }

  // ---- ports follow trees --------------------------------------------------------------------

  @Test
  void safeTerminateEndsThePortHolderOfItsTree() {
    Target wrapper = Target.of(proc(5100, 1, "npm"));
    Target server = Target.of(proc(5102, 5101, "node"));
    control.add(wrapper).diesOn(Signal.TERM);
    control.add(server).diesOn(Signal.TERM);
    control.listeners.add(new Listener("tcp", "127.0.0.1", 5173, server.pid(), 77L));
    Outcome o = run(Mode.SAFE, new Terminate(wrapper, CAUSE, List.of(TERM), List.of(server),
        null));
    assertEquals(List.of(d(server, Signal.TERM), d(wrapper, Signal.TERM)), control.delivered);
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.TERMINATED, t.status(), t.message());
    assertEquals("2 of 2 ended (the target and the holders of its ports)", t.message());
  }

  @Test
  void aPortStillHeldAfterCleanupIsSurvived() {
    Target root = Target.of(proc(6000, 1, "runner"));
    Target kept = Target.of(proc(6001, 6000, "sshd"));
    control.add(root).diesOn(Signal.TERM);
    control.add(kept);
    control.listeners.add(new Listener("tcp", "0.0.0.0", 8000, kept.pid(), 78L));
    Outcome o = run(Mode.FORCED, new KillTree(root, CAUSE, FORCED, List.of(root),
        List.of(new Excluded(kept, KeepReason.PROTECTED, "protected name 'sshd'")), null));
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.SURVIVED, t.status(), t.message());
    assertTrue(t.message().endsWith("; port still held: 8000 by 6001 (sshd)"), t.message());
    assertEquals(4, o.exitCode());
  }
}
