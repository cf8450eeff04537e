package io.procsweep.cleanup;

import io.procsweep.platform.ProcessControl;
import io.procsweep.scan.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out a plan: for each action, for each rung, re-check and signal through {@link
 * ProcessControl} (never any other way), write the audit line, then poll until the target has
 * ended or the rung's wait is over. Stops escalating once the target is gone.
 */
public final class Executor {
  private final ProcessControl control;
  private final AuditLog audit;
  private final Clock clock;
  private final Sleeper sleeper;

  public Executor(ProcessControl control, AuditLog audit, Clock clock, Sleeper sleeper) {
    this.control = control;
    this.audit = audit;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Shorthand for {@code new Executor(control, audit, clock, sleeper).run(plan)}. */
  public static Outcome execute(Plan plan, ProcessControl control, AuditLog audit, Clock clock,
      Sleeper sleeper) {
    return new Executor(control, audit, clock, sleeper).run(plan);
  }

  /**
   * Runs every action in plan order. An unwritable audit log stops everything after the line
   * that failed (nothing is signalled without a record); an interrupt (Ctrl-C) stops escalating
   * and skips what is left. Either way the outcome lists every target.
   */
  public Outcome run(Plan plan) {
    Instant started = clock.instant();
    Signaller signaller = new Signaller(control, audit, clock, plan.mode());
    ExecutionRun run = new ExecutionRun(control, signaller, new Poller(clock, sleeper));
    List<TargetOutcome> out = new ArrayList<>();
    String stopped = null;
    for (Action a : plan.actions()) {
      if (stopped == null && Thread.currentThread().isInterrupted()) {
        stopped = "interrupted";
      }
      if (stopped != null) {
        out.add(DryRun.notRun(a, stopped));
        continue;
      }
      ExecutionRun.Result r = run.execute(a);
      out.add(r.outcome());
      if (r.auditFailure() != null) {
        // Recorded as this target's error; nothing after it is touched.
        stopped = "aborted";
      }
    }
    return new Outcome(plan.mode(), false, started, clock.instant(), plan.host(),
        control.mechanism(), out);
  }

  /** What {@link #run} would do, signalling nothing (no {@code ProcessControl} needed). */
  public static Outcome dryRun(Plan plan, Clock clock) {
    Instant now = clock.instant();
    List<TargetOutcome> out = new ArrayList<>();
    for (Action a : plan.actions()) {
      out.add(DryRun.describe(a));
    }
    return new Outcome(plan.mode(), true, now, now, plan.host(), "none", out);
  }

  public static Outcome dryRun(Plan plan) {
    return dryRun(plan, Clock.systemUTC());
  }
}
