package io.procsweep.cleanup;

import java.util.ArrayList;
import java.util.List;

/** Outcome entries for actions that are not carried out: dry runs, and runs cut short. */
final class DryRun implements Action.Visitor<TargetOutcome> {
  private static final DryRun INSTANCE = new DryRun();

  private DryRun() {}

  /** What would happen: {@code planned} with a sentence, or the keep as it would end. */
  static TargetOutcome describe(Action a) {
    return a.accept(INSTANCE);
  }

  /** As {@link #describe}, one entry per target: a parent action has one per zombie. */
  static List<TargetOutcome> describeAll(Action a) {
    return perZombie(a, describe(a));
  }

  /** As {@link #notRun}, one entry per target. */
  static List<TargetOutcome> notRunAll(Action a, String reason) {
    return perZombie(a, notRun(a, reason));
  }

  private static List<TargetOutcome> perZombie(Action a, TargetOutcome first) {
    List<Target> zombies = a instanceof SignalParent ? ((SignalParent) a).zombies()
        : a instanceof TerminateParent ? ((TerminateParent) a).zombies() : List.of();
    if (zombies.size() <= 1) {
      return List.of(first);
    }
    List<TargetOutcome> out = new ArrayList<>();
    for (Target z : zombies) {
      out.add(new TargetOutcome(first.action(), z, null, first.cause(), first.status(),
          first.reason(), first.message(), first.signals()));
    }
    return out;
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
