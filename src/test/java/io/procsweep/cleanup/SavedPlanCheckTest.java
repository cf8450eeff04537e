package io.procsweep.cleanup;

import static io.procsweep.cleanup.Fixtures.GRACE;
import static io.procsweep.cleanup.Fixtures.ORPHAN;
import static io.procsweep.cleanup.Fixtures.finding;
import static io.procsweep.cleanup.Fixtures.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cleanup.pidfile.ProcessLookup;
import io.procsweep.platform.ProcessIdentity;
import io.procsweep.rules.RuleSource;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcessInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A saved plan runs only where a fresh plan agrees; everything else is dropped with a reason. */
class SavedPlanCheckTest {
  private static final List<RuleSource> RULES =
      List.of(new RuleSource("builtin:rules/default.yaml", "a".repeat(64)));
  private static final ProcessInfo A = proc(5000, 1, "uvicorn");
  private static final ProcessInfo B = proc(5001, 1, "vite");
  private static final ProcessLookup NOBODY = pid -> Optional.empty();

  private static Plan plan(Mode mode, List<ProcessInfo> procs, List<Finding> findings,
      List<RuleSource> rules) {
    ScanResult scan = Fixtures.scan(procs, findings);
    scan = new ScanResult(scan.startedAt(), scan.durationMs(), scan.sampleMs(), scan.snapshot(),
        scan.findings(), rules);
    return new Planner().plan(scan, Fixtures.rules(), mode, GRACE, Fixtures.linux());
  }

  private static Plan plan(Mode mode, ProcessInfo... targets) {
    List<Finding> findings = new ArrayList<>();
    for (ProcessInfo p : targets) {
      findings.add(finding("orphan", Severity.MEDIUM, p, ORPHAN));
    }
    return plan(mode, List.of(A, B), findings, RULES);
  }

  private static Plan reconcile(Plan saved, Plan fresh) throws Exception {
    return SavedPlanCheck.reconcile(saved, fresh, "testhost", "linux", NOBODY);
  }

  @Test
  void whereBothAgreeTheFreshActionRuns() throws Exception {
    Plan saved = plan(Mode.FORCED, A, B);
    Plan out = reconcile(saved, plan(Mode.FORCED, A, B));
    assertEquals(saved.actions(), out.actions());
  }

  @Test
  void aSavedPlanOnlyNarrows() throws Exception {
    // Saved for A only; a fresh plan would also end B: B is not carried out.
    Plan out = reconcile(plan(Mode.FORCED, A), plan(Mode.FORCED, A, B));
    assertEquals(1, out.actions().size());
    assertInstanceOf(KillTree.class, out.actions().get(0));
  }

  @Test
  void aTargetTheFreshScanNoLongerFindsIsKept() throws Exception {
    // Scope options given with --plan narrow the fresh plan to B; A drops out.
    Plan out = reconcile(plan(Mode.FORCED, A, B), plan(Mode.FORCED, B));
    Keep k = assertInstanceOf(Keep.class, out.actions().get(0));
    assertEquals(KeepReason.NOT_A_FINDING, k.reason());
    assertInstanceOf(KillTree.class, out.actions().get(1));
  }

  @Test
  void aReusedPidIsChangedNotSignalled() throws Exception {
    Plan saved = plan(Mode.FORCED, A);
    ProcessLookup reused = pid -> Optional.of(new ProcessIdentity(pid, A.startTimeMs() + 60_000,
        "impostor"));
    Plan out = SavedPlanCheck.reconcile(saved, plan(Mode.FORCED), "testhost", "linux", reused);
    assertEquals(KeepReason.CHANGED, assertInstanceOf(Keep.class, out.actions().get(0)).reason());
  }

  @Test
  void aTargetFoundByAnotherRuleIsNotCarriedOut() throws Exception {
    Plan saved = plan(Mode.FORCED, A);
    Plan fresh = plan(Mode.FORCED, List.of(A, B),
        List.of(finding("stale-listener", Severity.MEDIUM, A, ORPHAN)), RULES);
    Keep k = assertInstanceOf(Keep.class, reconcile(saved, fresh).actions().get(0));
    assertEquals(KeepReason.NOT_A_FINDING, k.reason());
    assertTrue(k.detail().contains("stale-listener"), k.detail());
  }

  @Test
  void todaysPolicyDecidesNotThePlans() throws Exception {
    // Saved when the process was "uvicorn"; now (same pid, start and name) the rules protect
    // the name, so the fresh plan keeps it, and that keep is what runs.
    Plan saved = plan(Mode.FORCED, A);
    ProcessInfo protectedA = proc(5000, 1, "uvicorn");
    ScanResult scan = Fixtures.scan(List.of(protectedA, B),
        List.of(finding("orphan", Severity.MEDIUM, protectedA, ORPHAN)));
    scan = new ScanResult(scan.startedAt(), 1, 0, scan.snapshot(), scan.findings(), RULES);
    Plan fresh = new Planner().plan(scan, Fixtures.rules(List.of("uvicorn"), List.of(),
        List.of()), Mode.FORCED, GRACE, Fixtures.linux());
    Action out = reconcile(saved, fresh).actions().get(0);
    assertSame(fresh.actions().get(0), out);
    assertEquals(KeepReason.PROTECTED, assertInstanceOf(Keep.class, out).reason());
  }

  @Test
  void planWideFactsMustMatch() {
    Plan saved = plan(Mode.SAFE, A);
    Plan fresh = plan(Mode.SAFE, A);
    assertThrows(SavedPlanCheck.Mismatch.class,
        () -> SavedPlanCheck.reconcile(saved, fresh, "otherhost", "linux", NOBODY));
    assertThrows(SavedPlanCheck.Mismatch.class,
        () -> SavedPlanCheck.reconcile(saved, fresh, "testhost", "windows", NOBODY));
    assertThrows(SavedPlanCheck.Mismatch.class,
        () -> reconcile(saved, plan(Mode.FORCED, A)));
    Plan otherRules = plan(Mode.SAFE, List.of(A, B),
        List.of(finding("orphan", Severity.MEDIUM, A, ORPHAN)),
        List.of(new RuleSource("builtin:rules/default.yaml", "b".repeat(64))));
    SavedPlanCheck.Mismatch e = assertThrows(SavedPlanCheck.Mismatch.class,
        () -> reconcile(saved, otherRules));
    assertTrue(e.getMessage().startsWith("the rule sets changed"), e.getMessage());
    Plan noHost = new Plan(saved.mode(), saved.createdAt(), saved.grace(), null,
        saved.platform(), saved.actions(), saved.ruleSets());
    assertThrows(SavedPlanCheck.Mismatch.class, () -> reconcile(noHost, fresh));
  }

  // ---- zombies of one parent: one saved action, reconciled zombie by zombie ----

  private static final ProcessInfo PARENT = proc(4100, 4000, "make");

  private static ProcessInfo zombie(int pid) {
    return Fixtures.state(proc(pid, 4100, "cc1"), io.procsweep.snapshot.ProcState.ZOMBIE);
  }

  private static Plan zombiePlan(int... pids) {
    List<ProcessInfo> procs = new ArrayList<>(List.of(PARENT));
    List<Finding> findings = new ArrayList<>();
    for (int pid : pids) {
      procs.add(zombie(pid));
      findings.add(finding("zombie", Severity.MEDIUM, zombie(pid), Fixtures.ZOMBIE));
    }
    return plan(Mode.SAFE, procs, findings, RULES);
  }

  @Test
  void aParentsActionRunsForTheZombiesBothPlansName() throws Exception {
    Plan saved = zombiePlan(4201, 4202, 4203);
    assertEquals(1, saved.actions().size());
    // 4201 was reaped since; 4204 is new (not in the saved plan, so not carried out).
    Plan out = reconcile(saved, zombiePlan(4202, 4203, 4204));
    SignalParent s = assertInstanceOf(SignalParent.class, out.actions().get(0));
    assertEquals(List.of(4202, 4203), s.zombies().stream().map(Target::pid).toList());
    assertEquals(Target.of(PARENT), s.parent());
    Keep gone = assertInstanceOf(Keep.class, out.actions().get(1));
    assertEquals(4201, gone.target().pid());
    assertEquals(KeepReason.NOT_A_FINDING, gone.reason());
    assertEquals(2, out.actions().size());
  }

  @Test
  void aParentActionWhoseParentChangedRunsForNone() throws Exception {
    Plan saved = zombiePlan(4201, 4202);
    ProcessInfo newParent = Fixtures.startedAt(proc(4100, 4000, "make"),
        PARENT.startTimeMs() + 60_000);
    List<ProcessInfo> procs = List.of(newParent, zombie(4201), zombie(4202));
    Plan fresh = plan(Mode.SAFE, procs, List.of(
        finding("zombie", Severity.MEDIUM, zombie(4201), Fixtures.ZOMBIE),
        finding("zombie", Severity.MEDIUM, zombie(4202), Fixtures.ZOMBIE)), RULES);
    Plan out = reconcile(saved, fresh);
    assertEquals(2, out.actions().size());
    for (Action a : out.actions()) {
      assertEquals(KeepReason.CHANGED, assertInstanceOf(Keep.class, a).reason());
    }
  }

  @Test
  void aSavedTerminateEndsOnlyThePortHoldersItNamed() throws Exception {
    ProcessInfo wrapper = proc(5100, 1, "npm");
    ProcessInfo server = proc(5101, 5100, "node");
    ProcessInfo other = proc(5102, 5100, "node");
    io.procsweep.rules.CleanupSpec terminate = new io.procsweep.rules.CleanupSpec(
        io.procsweep.rules.CleanupAction.TERMINATE, io.procsweep.rules.CleanupAction.TERMINATE);
    List<Finding> findings = List.of(finding("orphan", Severity.MEDIUM, wrapper, terminate));
    Plan saved = withPorts(List.of(wrapper, server, other), findings, 5101);
    Plan fresh = withPorts(List.of(wrapper, server, other), findings, 5101, 5102);
    Terminate now = assertInstanceOf(Terminate.class, fresh.actions().get(0));
    assertEquals(2, now.holders().size());
    Terminate out = assertInstanceOf(Terminate.class, reconcile(saved, fresh).actions().get(0));
    assertEquals(List.of(Target.of(server)), out.holders());
  }

  private static Plan withPorts(List<ProcessInfo> procs, List<Finding> findings,
      int... holders) {
    List<io.procsweep.snapshot.Listener> listeners = new ArrayList<>();
    for (int pid : holders) {
      listeners.add(new io.procsweep.snapshot.Listener("tcp", "127.0.0.1", 3000 + pid, pid,
          (long) pid));
    }
    ScanResult scan = Fixtures.scan(procs, findings, listeners);
    scan = new ScanResult(scan.startedAt(), scan.durationMs(), scan.sampleMs(), scan.snapshot(),
        scan.findings(), RULES);
    return new Planner().plan(scan, Fixtures.rules(), Mode.SAFE, GRACE, Fixtures.linux());
  }
}
