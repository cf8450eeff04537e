package io.procsweep.cleanup;

import io.procsweep.platform.Signal;
import io.procsweep.report.ActionFields;
import io.procsweep.snapshot.ProcessInfo;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * The cleanup fixtures other packages' tests need (the plan and outcome writers in
 * {@code report}), so that {@link Fixtures}, {@link SamplePlans} and the fakes stay
 * package-private.
 */
public final class CleanupSamples {
  public static final Instant NOW = Fixtures.NOW;

  private CleanupSamples() {}

  /** A plan with every kind of action, made by the real planner; see {@link SamplePlans}. */
  public static Plan plan(Mode mode) {
    return SamplePlans.of(mode);
  }

  public static ProcessInfo proc(int pid, int ppid, String name) {
    return Fixtures.proc(pid, ppid, name);
  }

  /**
   * Carries out {@code plan} against a fake process table holding every process and target it
   * names; those {@code diesOnTerm} accepts die on SIGTERM, the rest outlive every signal. The
   * clock is fake, starting at {@link #NOW}, so nothing waits.
   */
  public static Outcome execute(Plan plan, Predicate<Target> diesOnTerm) {
    FakeControl control = new FakeControl();
    for (Action a : plan.actions()) {
      for (Target t : a.processes()) {
        FakeControl.Proc p = control.add(t);
        if (diesOnTerm.test(t)) {
          p.diesOn(Signal.TERM);
        }
      }
      ActionFields f = ActionFields.of(a);
      if (f.target() != null && !control.exists(f.target().pid())) {
        control.add(f.target());
      }
    }
    FakeClock clock = new FakeClock(NOW);
    return Fixtures.execute(plan, control, new MemoryAudit(), clock, clock.sleeper());
  }

  public static Outcome dryRun(Plan plan) {
    return Executor.dryRun(plan, new FakeClock(NOW));
  }
}
