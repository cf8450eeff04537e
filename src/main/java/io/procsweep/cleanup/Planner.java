package io.procsweep.cleanup;

import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns findings into a plan (DESIGN §7). Pure: everything it knows comes from its arguments,
 * so every decision is unit-testable on a hand-built snapshot.
 */
public final class Planner {

  /** Highest severity first; equal severities by rule id, so the choice never depends on order. */
  private static final Comparator<Finding> PREFERRED =
      Comparator.comparing(Finding::severity, Comparator.reverseOrder())
          .thenComparing(Finding::rule);

  /**
   * Plans one action per target.
   *
   * @param scan the findings and the snapshot they came from (parents and descendants are looked
   *     up there)
   * @param rules for {@code protect} and {@code subreapers}
   * @param grace how long each rung waits for its process to end
   */
  public Plan plan(ScanResult scan, RuleSet rules, Mode mode, Duration grace,
      PlannerContext ctx) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    SnapshotIndex index = new SnapshotIndex(scan.snapshot());
    Guard guard = new Guard(rules.protect(), ctx, mode);
    ProcessDecider decider = new ProcessDecider(index, guard, rules.subreapers(), mode, grace,
        ctx);

    // One action per pid: several rules may match one process; the most severe one decides.
    Map<Integer, Finding> chosen = new TreeMap<>();
    for (Finding f : scan.findings()) {
      chosen.merge(f.process().pid(), f, (a, b) -> PREFERRED.compare(a, b) <= 0 ? a : b);
    }
    List<Action> actions = new ArrayList<>();
    for (Finding f : chosen.values()) {
      actions.add(decider.decide(f));
    }
    List<StalePidfile> files = new ArrayList<>(ctx.stalePidfiles());
    files.sort(Comparator.comparing(s -> s.path().toString()));
    for (StalePidfile s : files) {
      actions.add(pidfileAction(s, mode, guard));
    }
    String host = scan.snapshot().host() == null ? null : scan.snapshot().host().hostname();
    return new Plan(mode, ctx.now(), grace, host, ctx.platform(), actions);
  }

  private static Action pidfileAction(StalePidfile s, Mode mode, Guard guard) {
    if (mode == Mode.SAFE && !guard.ownedByCurrentUser(s.ownerUid(), s.owner())) {
      return new KeepPidfile(s, KeepReason.OTHER_USER,
          "owned by " + Guard.owner(s.ownerUid(), s.owner()) + ", not the current user");
    }
    return new RemovePidfile(s);
  }
}
