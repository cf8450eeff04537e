package io.procsweep.cleanup;

import static io.procsweep.cleanup.Fixtures.NOW;
import static io.procsweep.cleanup.Fixtures.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cleanup.FakeControl.Delivered;
import io.procsweep.cleanup.pidfile.PidfileState;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import io.procsweep.platform.fs.DirHandle;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Sleeper;
import io.procsweep.snapshot.ProcState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor against a scripted process table: exact signals, outcomes, audit lines. */
class ExecutorTest {
  private static final Cause CAUSE = new Cause("orphan", "orphan", Severity.MEDIUM);
  private static final Step TERM = new Step(Signal.TERM, 5000);
  private static final Step KILL = new Step(Signal.KILL, 5000);
  private static final List<Step> FORCED = List.of(TERM, TERM, KILL);

  private final FakeControl control = new FakeControl();
  private final MemoryAudit audit = new MemoryAudit();
  private final FakeClock clock = new FakeClock(NOW);

  private final Target server = Target.of(proc(5000, 1, "uvicorn"));
  private final Target parent = Target.of(proc(4100, 4000, "make"));
  private final Target zombie = Target.of(Fixtures.state(proc(4242, 4100, "cc1"),
      ProcState.ZOMBIE));

  private Outcome run(Mode mode, Action... actions) {
    Plan plan = new Plan(mode, NOW, Duration.ofSeconds(5), "testhost", "linux",
        List.of(actions));
    return Fixtures.execute(plan, control, audit, clock, clock.sleeper());
  }

  private static Delivered d(Target t, Signal s) {
    return new Delivered(t.pid(), s);
  }

  // ---- terminate ---------------------------------------------------------------------------

  @Test
  void processThatDiesOnTermGetsOneSignal() {
    control.add(server).diesOn(Signal.TERM);
    Outcome o = run(Mode.FORCED, new Terminate(server, CAUSE, FORCED, null));
    assertEquals(List.of(d(server, Signal.TERM)), control.delivered);
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.TERMINATED, t.status());
    assertNull(t.reason());
    assertEquals(1, t.signals().size());
    assertEquals(new SignalRecord(5000, "uvicorn", Signal.TERM, SignalResult.SENT, NOW),
        t.signals().get(0));
    assertEquals(new Counts(1, 1, 1, 0, 0, 0, 0, 0, 0), o.counts());
    assertEquals(0, o.exitCode());
    assertEquals("fake", o.mechanism());
  }

  @Test
  void processThatIgnoresTermGetsTermTermKill() {
    control.add(server).diesOn(Signal.KILL);
    Outcome o = run(Mode.FORCED, new Terminate(server, CAUSE, FORCED, null));
    assertEquals(List.of(d(server, Signal.TERM), d(server, Signal.TERM), d(server, Signal.KILL)),
        control.delivered);
    assertEquals(Status.TERMINATED, o.targets().get(0).status());
    assertEquals(List.of(Signal.TERM, Signal.TERM, Signal.KILL),
        audit.results().stream().map(AuditEntry::signal).toList());
    assertEquals(0, o.exitCode());
  }

  @Test
  void processThatTakesAWhileToDieIsPolledNotReSignalled() {
    FakeControl.Proc p = control.add(server).diesOn(Signal.TERM);
    p.dyingPolls = 20; // ~1 s of 50 ms polls, well within the 5 s grace
    Outcome o = run(Mode.FORCED, new Terminate(server, CAUSE, FORCED, null));
    assertEquals(List.of(d(server, Signal.TERM)), control.delivered);
    assertEquals(Status.TERMINATED, o.targets().get(0).status());
  }

  @Test
  void safeModeSurvivorIsReportedAndNotEscalated() {
    control.add(server); // ignores TERM
    Outcome o = run(Mode.SAFE, new Terminate(server, CAUSE, List.of(TERM), null));
    assertEquals(List.of(d(server, Signal.TERM)), control.delivered);
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.SURVIVED, t.status());
    assertEquals("still running after the last signal", t.message());
    assertEquals(new Counts(1, 1, 0, 0, 1, 0, 0, 0, 0), o.counts());
    assertEquals(4, o.exitCode());
  }

  @Test
  void changedIdentityIsNeverSignalled() {
    control.addReused(server).diesOn(Signal.TERM, Signal.KILL);
    Outcome o = run(Mode.FORCED, new Terminate(server, CAUSE, FORCED, null));
    assertTrue(control.delivered.isEmpty());
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.SKIPPED, t.status());
    assertEquals("changed", t.reason());
    assertTrue(control.exists(server.pid()), "the new holder of the pid is untouched");
    AuditEntry line = audit.results().get(0);
    assertEquals("changed", line.result());
    assertEquals(Signal.TERM, line.signal());
    assertEquals(1, audit.results().size(), "one skipped line, no escalation");
    assertEquals(0, o.exitCode());
  }

  @Test
  void goneBeforeTheFirstSignalIsSkipped() {
    Outcome o = run(Mode.FORCED, new Terminate(server, CAUSE, FORCED, null));
    assertEquals(Status.SKIPPED, o.targets().get(0).status());
    assertEquals("gone", o.targets().get(0).reason());
    assertEquals(0, o.exitCode());
  }

  @Test
  void unreadableIdentityFailsClosed() {
    control.add(server).refuse = SignalResult.UNREADABLE;
    Outcome o = run(Mode.FORCED, new Terminate(server, CAUSE, FORCED, null));
    assertTrue(control.delivered.isEmpty());
    assertEquals(List.of(Signal.TERM), control.attempts, "no escalation past a failed check");
    assertEquals("unreadable", o.targets().get(0).reason());
    assertEquals(Status.SKIPPED, o.targets().get(0).status());
    assertEquals(4, o.exitCode(), "it may still run, and nobody decided to keep it");
  }

  @Test
  void deniedIsSkippedAndFailsTheRun() {
    control.add(server).refuse = SignalResult.DENIED;
    Outcome o = run(Mode.SAFE, new Terminate(server, CAUSE, List.of(TERM), null));
    assertEquals(Status.SKIPPED, o.targets().get(0).status());
    assertEquals("denied", o.targets().get(0).reason());
    assertEquals("denied", audit.results().get(0).result());
    assertEquals(new Counts(1, 0, 0, 0, 0, 1, 0, 0, 0), o.counts());
    assertEquals(4, o.exitCode());
  }

  @Test
  void platformErrorIsRecordedAsError() {
    control.add(server).refuse = SignalResult.ERROR;
    Outcome o = run(Mode.SAFE, new Terminate(server, CAUSE, List.of(TERM), null));
    assertEquals(Status.ERROR, o.targets().get(0).status());
    assertEquals(1, o.counts().errors());
    assertEquals(4, o.exitCode());
  }

  // ---- kill-tree -----------------------------------------------------------------------------

  @Test
  void killTreeSignalsDeepestFirstAndEscalatesOnlyWhatIsLeft() {
    Target child = Target.of(proc(5001, 5000, "worker"));
    Target grandchild = Target.of(proc(5002, 5001, "helper"));
    control.add(grandchild).diesOn(Signal.TERM);
    control.add(child).diesOn(Signal.TERM);
    control.add(server).diesOn(Signal.KILL);
    Outcome o = run(Mode.FORCED, new KillTree(server, CAUSE, FORCED,
        List.of(grandchild, child, server), List.of(), null));
    // Frozen top-down first, so nobody forks out; then TERM deepest first, each stopped member
    // let go at once (SIGCONT) so the TERM is delivered.
    assertEquals(List.of(d(server, Signal.STOP), d(child, Signal.STOP), d(grandchild, Signal.STOP),
        d(grandchild, Signal.TERM), d(child, Signal.TERM), d(server, Signal.TERM),
        d(server, Signal.CONT), d(server, Signal.TERM), d(server, Signal.KILL)),
        control.delivered);
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.TERMINATED, t.status());
    assertEquals("3 of 3 ended", t.message());
    assertEquals(audit.intents().size(), audit.results().size(), "an intent before each signal");
    assertEquals(List.of(5000, 5001, 5002, 5002, 5001, 5000, 5000, 5000, 5000),
        audit.results().stream().map(AuditEntry::pid).toList());
  }

  @Test
  void killTreeReportsSurvivorsAndSkipsChangedMembers() {
    Target child = Target.of(proc(5001, 5000, "worker"));
    Target reused = Target.of(proc(5003, 5000, "old"));
    control.add(child); // survives even SIGKILL (uninterruptible, say)
    control.addReused(reused);
    control.add(server).diesOn(Signal.TERM);
    Outcome o = run(Mode.FORCED, new KillTree(server, CAUSE, FORCED,
        List.of(child, reused, server), List.of(), null));
    assertEquals(List.of(d(server, Signal.STOP), d(child, Signal.STOP), d(child, Signal.TERM),
        d(child, Signal.CONT), d(server, Signal.TERM), d(child, Signal.TERM),
        d(child, Signal.KILL)), control.delivered);
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.SURVIVED, t.status());
    assertEquals("1 of 3 ended; still running: 5001", t.message());
    assertEquals(4, o.exitCode());
  }

  // ---- zombies -------------------------------------------------------------------------------

  @Test
  void safeZombieParentReapsOnSigchld() {
    control.zombie(zombie);
    control.add(parent).hooks.put(Signal.CHLD, () -> control.remove(zombie.pid()));
    Outcome o = run(Mode.SAFE, new SignalParent(zombie, parent, CAUSE,
        List.of(new Step(Signal.CHLD, 5000))));
    assertEquals(List.of(d(parent, Signal.CHLD)), control.delivered);
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.TERMINATED, t.status());
    assertEquals(zombie, t.target());
    assertEquals("signal-parent", audit.results().get(0).action());
    assertEquals(4100, audit.results().get(0).pid());
    assertEquals(0, o.exitCode());
  }

  @Test
  void safeZombieWhoseParentDoesNotReapSurvives() {
    control.zombie(zombie);
    control.add(parent);
    Outcome o = run(Mode.SAFE, new SignalParent(zombie, parent, CAUSE,
        List.of(new Step(Signal.CHLD, 5000))));
    assertEquals(List.of(d(parent, Signal.CHLD)), control.delivered);
    assertEquals(Status.SURVIVED, o.targets().get(0).status());
    assertEquals("its parent 4100 did not reap it", o.targets().get(0).message());
    assertEquals(4, o.exitCode());
  }

  @Test
  void zombieAlreadyReapedMeansTheParentIsLeftAlone() {
    control.add(parent).diesOn(Signal.TERM);
    Outcome o = run(Mode.FORCED, new TerminateParent(zombie, parent, CAUSE, FORCED, null));
    assertTrue(control.delivered.isEmpty());
    assertTrue(audit.entries.isEmpty());
    assertEquals("gone", o.targets().get(0).reason());
    assertEquals(0, o.exitCode());
  }

  @Test
  void forcedZombieParentIgnoringTermGetsKilledAndInitReaps() {
    control.zombie(zombie);
    FakeControl.Proc p = control.add(parent).diesOn(Signal.KILL);
    p.onDeath = () -> control.remove(zombie.pid()); // reparented to init, reaped at once
    Outcome o = run(Mode.FORCED, new TerminateParent(zombie, parent, CAUSE, FORCED, null));
    assertEquals(List.of(d(parent, Signal.TERM), d(parent, Signal.TERM), d(parent, Signal.KILL)),
        control.delivered);
    assertEquals(Status.TERMINATED, o.targets().get(0).status());
    assertEquals("its parent 4100 ended and the zombie was reaped",
        o.targets().get(0).message());
  }

  @Test
  void forcedZombieEscalationStopsOnceTheZombieIsGone() {
    control.zombie(zombie);
    // The parent wakes up on TERM and reaps, but keeps running: no reason to kill it then.
    control.add(parent).hooks.put(Signal.TERM, () -> control.remove(zombie.pid()));
    Outcome o = run(Mode.FORCED, new TerminateParent(zombie, parent, CAUSE, FORCED, null));
    assertEquals(List.of(d(parent, Signal.TERM)), control.delivered);
    assertEquals(Status.TERMINATED, o.targets().get(0).status());
    assertTrue(control.exists(parent.pid()));
  }

  @Test
  void changedParentIsNeverSignalled() {
    control.zombie(zombie);
    control.addReused(parent).diesOn(Signal.TERM);
    Outcome o = run(Mode.FORCED, new TerminateParent(zombie, parent, CAUSE, FORCED, null));
    assertTrue(control.delivered.isEmpty());
    assertEquals(Status.SKIPPED, o.targets().get(0).status());
    assertEquals("changed", o.targets().get(0).reason());
  }

  // ---- keeps, pid files, audit, dry run ------------------------------------------------------

  @Test
  void keepsArePreservedOrSkippedAndNeverSignalled() {
    Target init = Target.of(proc(1, 0, "systemd"));
    Outcome o = run(Mode.FORCED,
        new Keep(init, CAUSE, KeepReason.INIT, "pid 1 is init"),
        new Keep(zombie, CAUSE, KeepReason.INIT_PARENT, "its parent is init"));
    assertTrue(control.attempts.isEmpty());
    assertTrue(audit.entries.isEmpty());
    assertEquals(Status.PRESERVED, o.targets().get(0).status());
    assertEquals("init", o.targets().get(0).reason());
    assertEquals(Status.SKIPPED, o.targets().get(1).status());
    assertEquals("init-parent", o.targets().get(1).reason());
    assertEquals(new Counts(2, 0, 0, 0, 0, 1, 0, 1, 0), o.counts());
    assertEquals(0, o.exitCode());
  }

  @Test
  void auditFailureStopsBeforeTheNextSignal() {
    Target other = Target.of(proc(6000, 1, "vite"));
    control.add(server).diesOn(Signal.KILL);
    control.add(other).diesOn(Signal.TERM);
    audit.failAfter = 0;
    Outcome o = run(Mode.FORCED, new Terminate(server, CAUSE, FORCED, null),
        new Terminate(other, CAUSE, FORCED, null));
    // The intent line could not be written, so not even the first signal went out.
    assertEquals(List.of(), control.delivered);
    assertEquals(Status.ERROR, o.targets().get(0).status());
    assertTrue(o.targets().get(0).message().contains("disk full"), o.targets().get(0).message());
    assertEquals(Status.SKIPPED, o.targets().get(1).status());
    assertEquals("aborted", o.targets().get(1).reason());
    assertEquals(4, o.exitCode());
  }

  @Test
  void removesAStalePidFileAfterCheckingAgain(@TempDir Path dir) throws IOException {
    Path dead = Files.writeString(dir.resolve("dead.pid"), "31999\n");
    Path revived = Files.writeString(dir.resolve("revived.pid"), "32000\n");
    StalePidfile deadFile;
    StalePidfile revivedFile;
    try (DirHandle h = DirHandle.open(dir)) {
      // The planned identities of directory and files, as PidFiles records them.
      deadFile = new StalePidfile(dead, 31999, PidfileState.STALE_DEAD, 1000, "alice",
          h.stat().id(), h.stat("dead.pid").id());
      revivedFile = new StalePidfile(revived, 32000, PidfileState.STALE_DEAD, 1000, "alice",
          h.stat().id(), h.stat("revived.pid").id());
    }
    // Since the plan, a process with pid 32000 started and wrote its pid file anew.
    Files.setLastModifiedTime(revived, FileTime.fromMillis(NOW.toEpochMilli() + 10_000));
    control.add(new Target(32000, NOW.toEpochMilli(), "daemon", "alice", 1000,
        ProcState.SLEEPING));
    Outcome o = run(Mode.SAFE, new RemovePidfile(deadFile), new RemovePidfile(revivedFile));
    assertFalse(Files.exists(dead));
    assertTrue(Files.exists(revived));
    assertEquals(Status.REMOVED, o.targets().get(0).status());
    assertEquals(dead.toString(), o.targets().get(0).pidfile());
    assertEquals(Status.SKIPPED, o.targets().get(1).status());
    assertEquals("changed", o.targets().get(1).reason());
    assertEquals(List.of("removed", "skipped"),
        audit.results().stream().map(AuditEntry::result).toList());
    assertEquals(new Counts(2, 0, 0, 1, 0, 1, 0, 0, 0), o.counts());
    assertEquals(0, o.exitCode());
    assertTrue(control.attempts.isEmpty());
  }

  @Test
  void dryRunSignalsNothingAndSaysWhatWouldHappen() {
    Plan plan = new Plan(Mode.FORCED, NOW, Duration.ofSeconds(5), "testhost", "linux", List.of(
        new Terminate(server, CAUSE, FORCED, null),
        new Keep(zombie, CAUSE, KeepReason.INIT_PARENT, "its parent is init (pid 1)")));
    Outcome o = Executor.dryRun(plan, clock);
    assertTrue(o.dryRun());
    assertEquals("none", o.mechanism());
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.PLANNED, t.status());
    assertEquals("SIGTERM, wait 5s, SIGTERM, wait 5s, SIGKILL, wait 5s to 5000 (uvicorn)",
        t.message());
    assertEquals(Status.SKIPPED, o.targets().get(1).status());
    assertEquals(new Counts(2, 0, 0, 0, 0, 1, 0, 0, 1), o.counts());
    assertEquals(0, o.exitCode());
  }

  @Test
  void interruptStopsEscalatingAndSkipsTheRest() {
    Target other = Target.of(proc(6000, 1, "vite"));
    control.add(server);
    control.add(other).diesOn(Signal.TERM);
    Sleeper interrupting = d -> {
      throw new InterruptedException();
    };
    Plan plan = new Plan(Mode.FORCED, NOW, Duration.ofSeconds(5), "h", "linux", List.of(
        new Terminate(server, CAUSE, FORCED, null), new Terminate(other, CAUSE, FORCED, null)));
    try {
      Outcome o = Fixtures.execute(plan, control, audit, clock, interrupting);
      // The first rung went to both; the interrupt came during its one wait.
      assertEquals(List.of(d(server, Signal.TERM), d(other, Signal.TERM)), control.delivered);
      // Stopped before the second TERM: the target is left as interrupted, not survived.
      assertEquals(Status.SKIPPED, o.targets().get(0).status());
      assertEquals("interrupted", o.targets().get(0).reason());
      assertEquals(Status.TERMINATED, o.targets().get(1).status(), "it ended on the first rung");
      assertTrue(o.interrupted());
      assertEquals(Outcome.INTERRUPTED, o.exitCode());
      assertEquals("interrupted", audit.entries.get(audit.entries.size() - 1).result());
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }
  }

  @Test
  void auditLinesCarryTheFieldsTheLogNeeds() {
    control.add(server).diesOn(Signal.TERM);
    run(Mode.SAFE, new Terminate(server, CAUSE, List.of(TERM), null));
    AuditEntry e = audit.results().get(0);
    assertEquals(new AuditEntry(NOW, Mode.SAFE, "terminate", 5000, server.startTimeMs(),
        "uvicorn", Signal.TERM, "sent", "fake", null), e);
  }

  // ---- the policy, asked again before every signal ------------------------------------------

  @Test
  void aPlanNamingWhatThePolicyForbidsSendsNothingThere() {
    Target init = Target.of(proc(1, 0, "systemd"));
    Target sshd = Target.of(proc(5002, 1, "sshd"));
    Target shell = Target.of(proc(Fixtures.SHELL, 1, "bash"));
    Target bobs = Target.of(Fixtures.owner(proc(5003, 1, "vite"), "bob", 1001));
    control.add(init).diesOn(Signal.TERM);
    control.add(sshd).diesOn(Signal.TERM);
    control.add(shell).diesOn(Signal.TERM);
    FakeControl.Proc bob = control.add(bobs).diesOn(Signal.TERM);
    bob.uid = 1001;
    bob.user = "bob";
    // A hand-edited safe plan: TERM to each, and a SIGKILL rung no safe plan may hold.
    List<Step> steps = List.of(TERM, new Step(Signal.KILL, 5000));
    Outcome o = run(Mode.SAFE, new Terminate(init, CAUSE, steps, null),
        new Terminate(sshd, CAUSE, steps, null), new Terminate(shell, CAUSE, steps, null),
        new Terminate(bobs, CAUSE, steps, null));
    assertEquals(List.of(), control.delivered);
    for (TargetOutcome t : o.targets()) {
      assertEquals(Status.SKIPPED, t.status(), t.toString());
      assertEquals("refused", t.reason(), t.toString());
    }
    assertTrue(audit.intents().isEmpty(), "no intent: nothing was about to be sent");
    assertEquals(Outcome.INCOMPLETE, o.exitCode());
  }

  @Test
  void safeModeNeverSendsKillEvenWhenThePlanSaysSo() {
    control.add(server); // ignores TERM
    Outcome o = run(Mode.SAFE, new Terminate(server, CAUSE,
        List.of(TERM, new Step(Signal.KILL, 5000)), null));
    assertEquals(List.of(d(server, Signal.TERM)), control.delivered);
    assertEquals(Status.SURVIVED, o.targets().get(0).status());
  }

  @Test
  void stoppedTargetGetsContRightAfterTerm() {
    FakeControl.Proc p = control.add(server).diesOn(Signal.CONT);
    p.stopped = true;
    Outcome o = run(Mode.SAFE, new Terminate(server, CAUSE, List.of(TERM), null));
    assertEquals(List.of(d(server, Signal.TERM), d(server, Signal.CONT)), control.delivered);
    assertEquals(Status.TERMINATED, o.targets().get(0).status());
  }

  @Test
  void killTreeCatchesChildrenForkedAfterTheScan() {
    control.add(server).diesOn(Signal.TERM);
    Target late = Target.of(proc(5010, 5000, "forked-later"));
    FakeControl.Proc child = control.add(late).diesOn(Signal.TERM);
    child.ppid = server.pid();
    Outcome o = run(Mode.FORCED, new KillTree(server, CAUSE, FORCED, List.of(server), List.of(),
        null));
    assertEquals(List.of(d(server, Signal.STOP), d(late, Signal.STOP), d(late, Signal.TERM),
        d(server, Signal.TERM)), control.delivered);
    TargetOutcome t = o.targets().get(0);
    assertEquals(Status.TERMINATED, t.status());
    assertEquals("2 of 2 ended, found after the scan: 5010", t.message());
  }
}
