package io.procsweep.cleanup;

import io.procsweep.platform.Os;
import io.procsweep.platform.ProcessControl;
import io.procsweep.scan.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out a plan: rung by rung over all its actions at once ({@link ExecutionRun}), and for
 * each signal re-read the process, ask the {@link Policy} again, write the intent line, signal
 * through {@link ProcessControl} (never any other way), write the result line; after each rung
 * one wait until the targets have ended or the rung's wait is over. Stops escalating a target
 * once it is gone.
 */
public final class Executor {
  private final ProcessControl control;
  private final LiveProcesses live;
  private final Policy policy;
  private final AuditLog audit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Interruption interruption;

  /**
   * @param live fresh reads for the last-moment checks
   * @param policy the policy of the mode the plan runs in (its {@code mode} is the run's mode;
   *     the plan's own mode must agree)
   */
  public Executor(ProcessControl control, LiveProcesses live, Policy policy, AuditLog audit,
      Clock clock, Sleeper sleeper) {
    this(control, live, policy, audit, clock, sleeper, new Interruption());
  }

  /** @param interruption set by the caller's signal handlers to stop before the next signal */
  public Executor(ProcessControl control, LiveProcesses live, Policy policy, AuditLog audit,
      Clock clock, Sleeper sleeper, Interruption interruption) {
    this.interruption = interruption;
    this.control = control;
    this.live = live;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Runs every action in plan order. An unwritable audit log stops everything after the line
   * that failed (nothing is signalled without a record); an interruption (SIGINT, SIGTERM,
   * SIGHUP, through {@link Interruption}) stops before the next signal, is recorded in the audit
   * log, and skips what is left as {@code interrupted}. Either way the outcome lists every
   * target.
   */
  public Outcome run(Plan plan) {
    if (plan.mode() != policy.mode()) {
      throw new IllegalArgumentException("a " + plan.mode().label() + " plan cannot run under the "
          + policy.mode().label() + " policy");
    }
    Instant started = clock.instant();
    Signaller signaller = new Signaller(control, live, policy, audit, clock, interruption);
    Poller poller = new Poller(clock, sleeper, interruption);
    ExecutionRun.Result r = new ExecutionRun(control, signaller, poller, clock,
        Os.current() != Os.WINDOWS).run(plan.actions(), interruption);
    List<TargetOutcome> out = r.outcomes();
    String stopped = r.halt() == null ? null : r.halt().reason();
    boolean interrupted = "interrupted".equals(stopped);
    if (interrupted) {
      try {
        signaller.write(AuditEntry.note(clock.instant(), AuditEntry.Kind.INTERRUPTED,
            plan.mode(), interruption.signal(), "stopped before the next signal; the rest was"
            + " not carried out"));
      } catch (Halt e) {
        // The outcome still says so; there is nothing more to stop.
      }
    }
    return new Outcome(plan.mode(), false, interrupted, started, clock.instant(), plan.host(),
        control.mechanism(), out);
  }

  /** What {@link #run} would do, signalling nothing (no {@code ProcessControl} needed). */
  public static Outcome dryRun(Plan plan, Clock clock) {
    Instant now = clock.instant();
    List<TargetOutcome> out = new ArrayList<>();
    for (Action a : plan.actions()) {
      out.addAll(DryRun.describeAll(a));
    }
    return new Outcome(plan.mode(), true, false, now, now, plan.host(), "none", out);
  }

  public static Outcome dryRun(Plan plan) {
    return dryRun(plan, Clock.systemUTC());
  }
}
