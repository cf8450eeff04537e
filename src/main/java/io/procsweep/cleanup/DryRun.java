package io.procsweep.cleanup;

import java.util.List;

/** Outcome entries for actions that are not carried out: dry runs, and runs cut short. */
final class DryRun implements Action.Visitor<TargetOutcome> {
  private static final DryRun INSTANCE = new DryRun();

  private DryRun() {}

  /** What would happen: {@code planned} with a sentence, or the keep as it would end. */
  static TargetOutcome describe(Action a) {
    return a.accept(INSTANCE);
  }

  /** Not run because the run stopped ({@code aborted}, {@code interrupted}). */
  static TargetOutcome notRun(Action a, String reason) {
    TargetOutcome planned = describe(a);
    if (planned.status() != Status.PLANNED) {
      return planned; // a keep ends the same whether or not the run got this far
    }
    return planned.with(Status.SKIPPED, reason, "not carried out: the run was " + reason);
  }

  @Override
  public TargetOutcome signalParent(SignalParent a) {
    return planned(a, a.target());
  }

  @Override
  public TargetOutcome terminate(Terminate a) {
    return planned(a, a.target());
  }

  @Override
  public TargetOutcome terminateParent(TerminateParent a) {
    return planned(a, a.target());
  }

  @Override
  public TargetOutcome killTree(KillTree a) {
    return planned(a, a.target());
  }

  @Override
  public TargetOutcome removePidfile(RemovePidfile a) {
    return new TargetOutcome(a.kind(), null, a.pidfile().path().toString(), a.cause(),
        Status.PLANNED, null, Describe.of(a), List.of());
  }

  @Override
  public TargetOutcome keep(Keep a) {
    return new TargetOutcome(a.kind(), a.target(), null, a.cause(), keepStatus(a.reason()),
        a.reason().label(), Describe.of(a), List.of());
  }

  @Override
  public TargetOutcome keepPidfile(KeepPidfile a) {
    return new TargetOutcome(a.kind(), null, a.pidfile().path().toString(), a.cause(),
        keepStatus(a.reason()), a.reason().label(), Describe.of(a), List.of());
  }

  static Status keepStatus(KeepReason r) {
    return r.intentional() ? Status.PRESERVED : Status.SKIPPED;
  }

  private static TargetOutcome planned(Action a, Target t) {
    return new TargetOutcome(a.kind(), t, null, a.cause(), Status.PLANNED, null, Describe.of(a),
        List.of());
  }
}
