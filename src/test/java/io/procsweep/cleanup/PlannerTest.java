package io.procsweep.cleanup;

import static io.procsweep.cleanup.Fixtures.GRACE;
import static io.procsweep.cleanup.Fixtures.ORPHAN;
import static io.procsweep.cleanup.Fixtures.ZOMBIE;
import static io.procsweep.cleanup.Fixtures.finding;
import static io.procsweep.cleanup.Fixtures.linux;
import static io.procsweep.cleanup.Fixtures.proc;
import static io.procsweep.cleanup.Fixtures.rules;
import static io.procsweep.cleanup.Fixtures.scan;
import static io.procsweep.cleanup.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cleanup.pidfile.PidfileState;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.platform.Signal;
import io.procsweep.report.ActionFields;
import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.RuleSet;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every row of DESIGN §7's table and every never-touch rule, on hand-built snapshots. */
class PlannerTest {
  private static final List<Step> SAFE_STEPS = List.of(new Step(Signal.TERM, 5000));
  private static final List<Step> FORCED_STEPS = List.of(new Step(Signal.TERM, 5000),
      new Step(Signal.TERM, 5000), new Step(Signal.KILL, 5000));

  private final Planner planner = new Planner();

  /** Plans a single finding on {@code target}, the other processes only as context. */
  private Action only(Mode mode, ProcessInfo target, CleanupSpec spec, List<ProcessInfo> others,
      RuleSet rules, PlannerContext ctx) {
    List<ProcessInfo> all = new ArrayList<>(others);
    all.add(target);
    Plan plan = planner.plan(scan(all, List.of(finding("r", Severity.MEDIUM, target, spec))),
        rules, mode, GRACE, ctx);
    assertEquals(1, plan.actions().size());
    return plan.actions().get(0);
  }

  private Action only(Mode mode, ProcessInfo target, CleanupSpec spec, ProcessInfo... others) {
    return only(mode, target, spec, List.of(others), rules(), linux());
  }

  private static void assertKeep(Action a, KeepReason reason, String detailPart) {
    Keep k = assertInstanceOf(Keep.class, a);
    assertEquals(reason, k.reason(), k.detail());
    assertTrue(k.detail().contains(detailPart), k.detail());
    assertEquals("none", a.kind());
    assertTrue(a.steps().isEmpty());
    assertTrue(a.processes().isEmpty());
  }

  // ---- zombies -------------------------------------------------------------------------------

  private static final ProcessInfo PARENT = proc(4100, 4000, "make");
  private static final ProcessInfo ZOMBIE_CHILD = state(proc(4242, 4100, "cc1"), ProcState.ZOMBIE);

  @Test
  void safeZombieSignalsTheParentWithSigchld() {
    Action a = only(Mode.SAFE, ZOMBIE_CHILD, ZOMBIE, PARENT);
    SignalParent s = assertInstanceOf(SignalParent.class, a);
    assertEquals("signal-parent", a.kind());
    assertEquals(4242, s.target().pid());
    assertEquals(Target.of(PARENT), s.parent());
    assertEquals(List.of(new Step(Signal.CHLD, 5000)), a.steps());
    assertEquals(List.of(Target.of(PARENT)), a.processes());
    assertEquals(new Cause("r", "orphan", Severity.MEDIUM), a.cause());
  }

  @Test
  void zombiesOfOneParentAreOneActionAtTheLowestZombie() {
    List<ProcessInfo> all = new ArrayList<>(List.of(PARENT, proc(4101, 4000, "make")));
    List<Finding> findings = new ArrayList<>();
    List<Target> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ProcessInfo z = state(proc(4300 + i, 4100, "cc1"), ProcState.ZOMBIE);
      all.add(z);
      expected.add(Target.of(z));
      // One of them by a more severe rule: the one action carries that finding.
      findings.add(finding(i == 7 ? "zombie-high" : "zombie", i == 7 ? Severity.HIGH
          : Severity.MEDIUM, z, ZOMBIE));
    }
    ProcessInfo other = state(proc(4250, 4101, "cc1"), ProcState.ZOMBIE);
    all.add(other);
    findings.add(finding("zombie", Severity.MEDIUM, other, ZOMBIE));
    for (Mode mode : Mode.values()) {
      Plan plan = planner.plan(scan(all, findings), rules(), mode, GRACE, linux());
      assertEquals(2, plan.actions().size(), plan.actions().toString());
      Action first = plan.actions().get(0);
      assertEquals(4250, ActionFields.of(first).target().pid(), "by the lowest zombie pid");
      Action grouped = plan.actions().get(1);
      assertEquals(expected, ActionFields.of(grouped).zombies());
      assertEquals(List.of(Target.of(PARENT)), grouped.processes());
      assertEquals(new Cause("zombie-high", "zombie", Severity.HIGH), grouped.cause());
      assertEquals(mode == Mode.SAFE ? "signal-parent" : "terminate-parent", grouped.kind());
      assertEquals(2, plan.signalledProcesses());
    }
  }

  @Test
  void terminateTakesTheDescendantsHoldingPortsAlong() {
    ProcessInfo wrapper = proc(5100, 4000, "npm");
    ProcessInfo sh = proc(5101, 5100, "sh");
    ProcessInfo server = proc(5102, 5101, "node");
    ProcessInfo idle = proc(5103, 5100, "cat");
    List<ProcessInfo> all = List.of(wrapper, sh, server, idle);
    io.procsweep.scan.ScanResult base = scan(all, List.of(finding("r", Severity.MEDIUM, wrapper,
        ORPHAN)));
    io.procsweep.snapshot.Snapshot s = base.snapshot();
    io.procsweep.scan.ScanResult withPort = new io.procsweep.scan.ScanResult(base.startedAt(),
        base.durationMs(), base.sampleMs(), new io.procsweep.snapshot.Snapshot(s.takenAt(),
            s.backend(), s.host(), s.processes(), List.of(new io.procsweep.snapshot.Listener(
                "tcp", "127.0.0.1", 5173, 5102, 99L)), s.unreadable()),
        base.findings(), base.ruleSets());
    Plan plan = planner.plan(withPort, rules(), Mode.SAFE, GRACE, linux());
    Terminate t = assertInstanceOf(Terminate.class, plan.actions().get(0));
    assertEquals(List.of(Target.of(server)), t.holders());
    assertEquals(List.of(Target.of(server), Target.of(wrapper)), t.processes());
    assertEquals(SAFE_STEPS, t.steps());
  }

  @Test
  void forcedZombieTerminatesTheParentWithEscalation() {
    Action a = only(Mode.FORCED, ZOMBIE_CHILD, ZOMBIE, PARENT);
    TerminateParent t = assertInstanceOf(TerminateParent.class, a);
    assertEquals(Target.of(PARENT), t.parent());
    assertEquals(FORCED_STEPS, a.steps());
    assertEquals(List.of(Target.of(PARENT)), a.processes());
    assertNull(t.note());
  }

  @Test
  void zombieOfInitGetsNothingInEitherModeAndNamesTheReaper() {
    ProcessInfo z = state(proc(4242, 1, "cc1"), ProcState.ZOMBIE);
    assertKeep(only(Mode.SAFE, z, ZOMBIE), KeepReason.INIT_PARENT, "init (pid 1)");
    assertKeep(only(Mode.FORCED, z, ZOMBIE), KeepReason.INIT_PARENT, "init (pid 1)");
  }

  @Test
  void zombieOfASubreaperGetsNothingAndNamesIt() {
    ProcessInfo tini = proc(50, 1, "tini");
    ProcessInfo z = state(proc(4242, 50, "cc1"), ProcState.ZOMBIE);
    assertKeep(only(Mode.FORCED, z, ZOMBIE, tini), KeepReason.SUBREAPER_PARENT, "50 (tini)");
    assertKeep(only(Mode.SAFE, z, ZOMBIE, tini), KeepReason.SUBREAPER_PARENT, "subreaper");
  }

  @Test
  void zombieWithAProtectedParentIsKept() {
    ProcessInfo sshd = proc(900, 1, "sshd");
    ProcessInfo z = state(proc(4242, 900, "sshd"), ProcState.ZOMBIE);
    // The zombie's own name is protected too; give it another so the parent check is reached.
    ProcessInfo z2 = new ProcessInfo(z.pid(), z.ppid(), "child", z.exe(), z.cmdline(), z.user(),
        z.uid(), z.state(), z.startTimeMs(), 0, 0, null, null, null, null, null, null, false);
    assertKeep(only(Mode.FORCED, z2, ZOMBIE, sshd), KeepReason.PROTECTED_PARENT,
        "protected name 'sshd'");
  }

  @Test
  void zombieWhoseParentIsARegisteredWorkerIsKept() {
    Action a = only(Mode.FORCED, ZOMBIE_CHILD, ZOMBIE, List.of(PARENT), rules(),
        Fixtures.withProtected(Set.of(4100)));
    assertKeep(a, KeepReason.PROTECTED_PARENT, "protected pid file");
  }

  @Test
  void zombieWhoseParentIsProcsweepsAncestorIsKept() {
    // The scan removed procsweep's ancestors from the snapshot; the context still knows them.
    ProcessInfo z = state(proc(4242, Fixtures.SHELL, "sleep"), ProcState.ZOMBIE);
    assertKeep(only(Mode.FORCED, z, ZOMBIE), KeepReason.PROTECTED_PARENT,
        "procsweep or one of its ancestors");
    ProcessInfo ownChild = state(proc(4243, Fixtures.SELF, "sleep"), ProcState.ZOMBIE);
    assertKeep(only(Mode.SAFE, ownChild, ZOMBIE), KeepReason.PROTECTED_PARENT, "procsweep");
  }

  @Test
  void zombieWhoseParentIsNotInTheSnapshotIsKept() {
    assertKeep(only(Mode.FORCED, ZOMBIE_CHILD, ZOMBIE), KeepReason.PARENT_UNKNOWN, "4100");
  }

  @Test
  void zombieOfAnotherUsersParentInSafeModeIsKept() {
    ProcessInfo rootParent = Fixtures.owner(PARENT, "root", 0);
    assertKeep(only(Mode.SAFE, ZOMBIE_CHILD, ZOMBIE, rootParent), KeepReason.OTHER_USER,
        "root (uid 0)");
    assertInstanceOf(TerminateParent.class, only(Mode.FORCED, ZOMBIE_CHILD, ZOMBIE, rootParent));
  }

  @Test
  void zombieWhoseParentIsInDiskSleepIsKept() {
    ProcessInfo stuck = state(PARENT, ProcState.DISK_SLEEP);
    assertKeep(only(Mode.FORCED, ZOMBIE_CHILD, ZOMBIE, stuck), KeepReason.DISK_SLEEP,
        "disk sleep");
  }

  @Test
  void zombiesAreNeverSignalledThemselves() {
    assertKeep(only(Mode.FORCED, ZOMBIE_CHILD, ORPHAN, PARENT), KeepReason.ZOMBIE, "zombie");
    assertKeep(only(Mode.SAFE, ZOMBIE_CHILD, ORPHAN, PARENT), KeepReason.ZOMBIE, "zombie");
  }

  @Test
  void parentActionsAreForZombiesOnly() {
    assertKeep(only(Mode.SAFE, PARENT, ZOMBIE), KeepReason.NOT_ZOMBIE, "sleeping");
    assertKeep(only(Mode.FORCED, PARENT, ZOMBIE), KeepReason.NOT_ZOMBIE, "sleeping");
  }

  // ---- orphans, stale listeners, hung processes ----------------------------------------------

  private static final ProcessInfo ORPHANED = proc(5000, 1, "uvicorn");

  @Test
  void safeTerminateIsOneSigtermAndTheGrace() {
    Action a = only(Mode.SAFE, ORPHANED, ORPHAN);
    Terminate t = assertInstanceOf(Terminate.class, a);
    assertEquals(SAFE_STEPS, t.steps());
    assertEquals(List.of(Target.of(ORPHANED)), a.processes());
  }

  @Test
  void safeModeNeverEscalatesEvenWhenTheRuleAsksForATree() {
    CleanupSpec treeBoth = new CleanupSpec(CleanupAction.KILL_TREE, CleanupAction.KILL_TREE);
    ProcessInfo child = proc(5001, 5000, "worker");
    KillTree k = assertInstanceOf(KillTree.class, only(Mode.SAFE, ORPHANED, treeBoth, child));
    assertEquals(SAFE_STEPS, k.steps());
  }

  @Test
  void forcedTerminateEscalatesTermTermKill() {
    CleanupSpec terminateBoth = new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.TERMINATE);
    Terminate t = assertInstanceOf(Terminate.class, only(Mode.FORCED, ORPHANED, terminateBoth));
    assertEquals(FORCED_STEPS, t.steps());
  }

  @Test
  void forcedKillTreeSignalsDescendantsDeepestFirstThenTheTarget() {
    ProcessInfo a = proc(5010, 5000, "worker-a");
    ProcessInfo b = proc(5003, 5000, "worker-b");
    ProcessInfo a1 = proc(5020, 5010, "helper");
    ProcessInfo a1x = proc(5005, 5020, "grandchild");
    ProcessInfo stranger = proc(6000, 1, "other");
    KillTree k = assertInstanceOf(KillTree.class,
        only(Mode.FORCED, ORPHANED, ORPHAN, a, b, a1, a1x, stranger));
    assertEquals(List.of(5005, 5020, 5003, 5010, 5000),
        k.tree().stream().map(Target::pid).toList());
    assertEquals(k.tree(), k.processes());
    assertEquals(FORCED_STEPS, k.steps());
    assertTrue(k.excluded().isEmpty());
  }

  @Test
  void killTreeLeavesOutProtectedKernelSelfAndZombieDescendantsAndSaysWhy() {
    ProcessInfo ok = proc(5001, 5000, "worker");
    ProcessInfo sshd = proc(5002, 5000, "sshd");
    ProcessInfo underSshd = proc(5012, 5002, "session");
    ProcessInfo zombie = state(proc(5003, 5000, "dead"), ProcState.ZOMBIE);
    ProcessInfo self = proc(Fixtures.SELF, 5000, "java");
    ProcessInfo worker = proc(5004, 5000, "registered");
    ProcessInfo kthread = Fixtures.kernelThread(5005, "kworker");
    ProcessInfo kthreadAsChild = new ProcessInfo(5005, 5000, kthread.name(), null, List.of(),
        "root", 0, ProcState.IDLE, kthread.startTimeMs(), 0, 0, null, 1, 0, 0, null, null, true);
    Action a = only(Mode.FORCED, ORPHANED, ORPHAN,
        List.of(ok, sshd, underSshd, zombie, self, worker, kthreadAsChild), rules(),
        Fixtures.withProtected(Set.of(5004)));
    KillTree k = assertInstanceOf(KillTree.class, a);
    assertEquals(List.of(5001, 5000), k.tree().stream().map(Target::pid).toList());
    List<String> excluded = k.excluded().stream()
        .map(e -> e.process().pid() + " " + e.reason().label()).toList();
    assertEquals(List.of("5002 protected", "5003 zombie", "5004 registered-worker",
        "5005 kernel-thread", "5012 protected", Fixtures.SELF + " self"), excluded);
    assertTrue(k.excluded().get(4).detail().contains("below pid 5002"), k.excluded().get(4)
        .detail());
  }

  @Test
  void safeKillTreeLeavesOutOtherUsersAndDiskSleepers() {
    CleanupSpec treeBoth = new CleanupSpec(CleanupAction.KILL_TREE, CleanupAction.KILL_TREE);
    ProcessInfo root = Fixtures.owner(proc(5001, 5000, "sudo-child"), "root", 0);
    ProcessInfo underRoot = proc(5011, 5001, "mine-again");
    ProcessInfo stuck = state(proc(5002, 5000, "nfs-reader"), ProcState.DISK_SLEEP);
    KillTree k = assertInstanceOf(KillTree.class,
        only(Mode.SAFE, ORPHANED, treeBoth, root, underRoot, stuck));
    // Another user's child is skipped, but its own children of ours are still ours.
    assertEquals(List.of(5011, 5000), k.tree().stream().map(Target::pid).toList());
    assertEquals(List.of("5001 other-user", "5002 disk-sleep"), k.excluded().stream()
        .map(e -> e.process().pid() + " " + e.reason().label()).toList());
  }

  @Test
  void diskSleepTargetsAreReportedNotSignalled() {
    ProcessInfo d = state(ORPHANED, ProcState.DISK_SLEEP);
    assertKeep(only(Mode.SAFE, d, ORPHAN), KeepReason.DISK_SLEEP, "disk sleep");
    assertKeep(only(Mode.FORCED, d, ORPHAN), KeepReason.DISK_SLEEP, "SIGKILL");
  }

  @Test
  void ruleThatSaysNoneGetsNone() {
    CleanupSpec onlyForced = new CleanupSpec(CleanupAction.NONE, CleanupAction.TERMINATE);
    assertKeep(only(Mode.SAFE, ORPHANED, onlyForced), KeepReason.RULE_SAYS_NONE, "rule 'r'");
    assertInstanceOf(Terminate.class, only(Mode.FORCED, ORPHANED, onlyForced));
    assertKeep(only(Mode.FORCED, ORPHANED, CleanupSpec.NONE), KeepReason.RULE_SAYS_NONE,
        "forced");
    assertKeep(only(Mode.FORCED, ORPHANED, null), KeepReason.RULE_SAYS_NONE, "no forced");
  }

  // ---- never, in any mode --------------------------------------------------------------------

  @Test
  void initAndPidZeroAreNeverTouched() {
    for (Mode mode : Mode.values()) {
      assertKeep(only(mode, proc(1, 0, "systemd"), ORPHAN), KeepReason.INIT, "init");
      assertKeep(only(mode, proc(0, 0, "swapper"), ORPHAN), KeepReason.INIT, "kernel");
    }
  }

  @Test
  void kernelThreadsAreNeverTouched() {
    for (Mode mode : Mode.values()) {
      assertKeep(only(mode, Fixtures.kernelThread(77, "kworker/0:1"), ORPHAN),
          KeepReason.KERNEL_THREAD, "kernel thread");
    }
  }

  @Test
  void procsweepAndItsAncestorsAreNeverTouched() {
    for (Mode mode : Mode.values()) {
      assertKeep(only(mode, proc(Fixtures.SELF, Fixtures.SHELL, "java"), ORPHAN), KeepReason.SELF,
          "procsweep itself");
      assertKeep(only(mode, proc(Fixtures.SHELL, 1, "bash"), ORPHAN), KeepReason.SELF,
          "ancestor");
    }
  }

  @Test
  void protectedNamesUsersAndCommandLinesAreNeverTouched() {
    RuleSet r = rules(List.of("postgres"), List.of("www-data"), List.of("--keep-me$"));
    ProcessInfo byName = proc(5000, 1, "postgres");
    ProcessInfo byUser = Fixtures.owner(proc(5001, 1, "nginx"), "www-data", 33);
    ProcessInfo byCmdline = Fixtures.cmdline(proc(5002, 1, "python3"),
        List.of("python3", "serve.py", "--keep-me"));
    ProcessInfo notQuite = Fixtures.cmdline(proc(5003, 1, "python3"),
        List.of("python3", "serve.py", "--keep-me-not"));
    for (Mode mode : Mode.values()) {
      assertKeep(only(mode, byName, ORPHAN, List.of(), r, linux()), KeepReason.PROTECTED,
          "protected name 'postgres'");
      assertKeep(only(mode, byUser, ORPHAN, List.of(), r, linux()), KeepReason.PROTECTED,
          "protected user 'www-data'");
      assertKeep(only(mode, byCmdline, ORPHAN, List.of(), r, linux()), KeepReason.PROTECTED,
          "--keep-me$");
    }
    // Find semantics on the joined command line, but the pattern still has to match.
    assertInstanceOf(Terminate.class, only(Mode.SAFE, notQuite, ORPHAN, List.of(), r, linux()));
  }

  @Test
  void registeredWorkersFromProtectedPidFilesAreNeverTouched() {
    for (Mode mode : Mode.values()) {
      assertKeep(only(mode, ORPHANED, ORPHAN, List.of(), rules(),
          Fixtures.withProtected(Set.of(5000))), KeepReason.REGISTERED_WORKER, "pid file");
    }
  }

  @Test
  void protectionWinsOverARuleThatSaysNone() {
    assertKeep(only(Mode.SAFE, proc(900, 1, "sshd"), CleanupSpec.NONE), KeepReason.PROTECTED,
        "sshd");
  }

  @Test
  void safeModeLeavesOtherUsersAlone() {
    ProcessInfo theirs = Fixtures.owner(ORPHANED, "bob", 1001);
    assertKeep(only(Mode.SAFE, theirs, ORPHAN), KeepReason.OTHER_USER, "bob (uid 1001)");
    assertInstanceOf(KillTree.class, only(Mode.FORCED, theirs, ORPHAN));
  }

  @Test
  void safeModeFailsClosedOnAnUnknownOwner() {
    ProcessInfo unknown = Fixtures.owner(ORPHANED, null, null);
    assertKeep(only(Mode.SAFE, unknown, ORPHAN), KeepReason.OTHER_USER, "unknown user");
  }

  // ---- Windows ---------------------------------------------------------------------------------

  @Test
  void windowsTerminatesWithoutSignals() {
    PlannerContext win = new PlannerContext(Fixtures.SELF, Set.of(), null, "CORP\\Alice",
        Set.of(), List.of(), false, "windows", Fixtures.NOW);
    // No uids on Windows: safe mode compares user names, domain and case aside.
    ProcessInfo p = Fixtures.owner(ORPHANED, "alice", null);
    Terminate t = assertInstanceOf(Terminate.class,
        only(Mode.SAFE, p, ORPHAN, List.of(), rules(), win));
    assertEquals(List.of(new Step(Signal.KILL, 5000)), t.steps());
    assertTrue(t.note().contains("TerminateProcess"), t.note());

    ProcessInfo child = Fixtures.owner(proc(5001, 5000, "worker"), "alice", null);
    // Windows never reparents: a "child" older than its parent belongs to a previous holder of
    // the pid, not to this tree.
    ProcessInfo stale = Fixtures.startedAt(Fixtures.owner(proc(5002, 5000, "older"), "alice",
        null), p.startTimeMs() - 1000);
    KillTree k = assertInstanceOf(KillTree.class,
        only(Mode.FORCED, p, ORPHAN, List.of(child, stale), rules(), win));
    assertEquals(List.of(new Step(Signal.KILL, 5000)), k.steps());
    assertEquals(List.of(5001, 5000), k.tree().stream().map(Target::pid).toList());

    ProcessInfo z = Fixtures.owner(state(proc(4242, 4100, "cc1"), ProcState.ZOMBIE), "alice",
        null);
    assertKeep(only(Mode.SAFE, z, ZOMBIE, List.of(Fixtures.owner(PARENT, "alice", null)),
        rules(), win), KeepReason.NOT_SUPPORTED, "SIGCHLD");

    ProcessInfo bobs = Fixtures.owner(ORPHANED, "CORP\\bob", null);
    assertKeep(only(Mode.SAFE, bobs, ORPHAN, List.of(), rules(), win), KeepReason.OTHER_USER,
        "bob");
  }

  // ---- one action per target, order, metadata ---------------------------------------------

  @Test
  void theMostSevereFindingDecidesAndTiesGoByRuleId() {
    CleanupSpec noneSpec = CleanupSpec.NONE;
    List<Finding> findings = List.of(
        finding("b-low", Severity.LOW, ORPHANED, noneSpec),
        finding("z-high", Severity.HIGH, ORPHANED, ORPHAN),
        finding("a-medium", Severity.MEDIUM, ORPHANED, noneSpec));
    Plan plan = planner.plan(scan(List.of(ORPHANED), findings), rules(), Mode.FORCED, GRACE,
        linux());
    assertEquals(1, plan.actions().size());
    assertEquals("z-high", plan.actions().get(0).cause().rule());
    assertInstanceOf(KillTree.class, plan.actions().get(0));

    List<Finding> tie = List.of(finding("y", Severity.HIGH, ORPHANED, noneSpec),
        finding("x", Severity.HIGH, ORPHANED, ORPHAN));
    for (List<Finding> order : List.of(tie, List.of(tie.get(1), tie.get(0)))) {
      Plan p = planner.plan(scan(List.of(ORPHANED), order), rules(), Mode.FORCED, GRACE,
          linux());
      assertEquals("x", p.actions().get(0).cause().rule());
    }
  }

  @Test
  void actionsAreSortedByPidThenPidFilesByPath() {
    ProcessInfo p3 = proc(300, 1, "c");
    ProcessInfo p1 = proc(100, 1, "a");
    ProcessInfo p2 = proc(200, 1, "b");
    StalePidfile fb = new StalePidfile(Path.of("/run/b.pid"), 9, PidfileState.STALE_DEAD, 1000,
        "alice");
    StalePidfile fa = new StalePidfile(Path.of("/run/a.pid"), null, PidfileState.STALE_GARBAGE,
        1000, "alice");
    Plan plan = planner.plan(scan(List.of(p3, p1, p2), List.of(
        finding("r", Severity.LOW, p3, ORPHAN), finding("r", Severity.HIGH, p1, ORPHAN),
        finding("r", Severity.MEDIUM, p2, ORPHAN))), rules(), Mode.SAFE, GRACE,
        Fixtures.withStale(List.of(fb, fa)));
    List<String> order = new ArrayList<>();
    for (Action a : plan.actions()) {
      ActionFields f = ActionFields.of(a);
      order.add(f.target() != null ? "pid " + f.target().pid() : f.pidfile().path().toString());
    }
    assertEquals(List.of("pid 100", "pid 200", "pid 300", "/run/a.pid", "/run/b.pid"), order);
  }

  @Test
  void stalePidFilesAreRemovedButOnlyOwnOnesInSafeMode() {
    StalePidfile mine = new StalePidfile(Path.of("/run/mine.pid"), 9, PidfileState.STALE_DEAD,
        1000, "alice");
    StalePidfile theirs = new StalePidfile(Path.of("/run/theirs.pid"), 9,
        PidfileState.STALE_REUSED, 0, "root");
    PlannerContext ctx = Fixtures.withStale(List.of(mine, theirs));
    Plan safe = planner.plan(scan(List.of(), List.of()), rules(), Mode.SAFE, GRACE, ctx);
    assertEquals(new RemovePidfile(mine), safe.actions().get(0));
    KeepPidfile kept = assertInstanceOf(KeepPidfile.class, safe.actions().get(1));
    assertEquals(KeepReason.OTHER_USER, kept.reason());
    assertEquals("none", kept.kind());
    Plan forced = planner.plan(scan(List.of(), List.of()), rules(), Mode.FORCED, GRACE, ctx);
    assertEquals(List.of(new RemovePidfile(mine), new RemovePidfile(theirs)), forced.actions());
  }

  @Test
  void planCarriesModeGraceHostPlatformAndTime() {
    Plan plan = planner.plan(scan(List.of(ORPHANED), List.of(finding("r", Severity.LOW,
        ORPHANED, ORPHAN))), rules(), Mode.FORCED, Duration.ofMillis(1500), linux());
    assertEquals(Mode.FORCED, plan.mode());
    assertEquals(Duration.ofMillis(1500), plan.grace());
    assertEquals("testhost", plan.host());
    assertEquals("linux", plan.platform());
    assertEquals(Fixtures.NOW, plan.createdAt());
    assertEquals(1500, plan.actions().get(0).steps().get(0).waitMs());
    assertThrows(IllegalArgumentException.class, () -> planner.plan(scan(List.of(), List.of()),
        rules(), Mode.SAFE, Duration.ofSeconds(-1), linux()));
  }

  @Test
  void platformLabels() {
    assertEquals("linux", io.procsweep.platform.Os.of("Linux").label());
    assertEquals("macos", io.procsweep.platform.Os.of("Mac OS X").label());
    assertEquals("windows", io.procsweep.platform.Os.of("Windows 11").label());
    assertEquals("other", io.procsweep.platform.Os.of("FreeBSD").label());
    PlannerContext here = PlannerContext.forThisProcess(java.util.Optional.of(1000), Set.of(),
        List.of(), false, Fixtures.NOW);
    assertEquals(ProcessHandle.current().pid(), here.selfPid());
    assertTrue(here.ancestors().contains((int) ProcessHandle.current().parent().orElseThrow()
        .pid()));
  }
}
