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
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import io.procsweep.snapshot.ProcessInfo;
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
    return plan(scan, rules, mode, grace, ctx, p -> true);
  }

  /**
   * Plans as above, with the user's scope applied to every process the plan would signal in
   * its own right, zombies' parents included (a scan scope only selects findings).
   */
  public Plan plan(ScanResult scan, RuleSet rules, Mode mode, Duration grace,
      PlannerContext ctx, Predicate<ProcessInfo> inScope) {
    return plan(scan, Policy.of(rules, ctx, mode, inScope), grace, ctx);
  }

  /** Plans under {@code policy}: the same policy the executor is then given. */
  public Plan plan(ScanResult scan, Policy policy, Duration grace, PlannerContext ctx) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    Mode mode = policy.mode();
    SnapshotIndex index = new SnapshotIndex(scan.snapshot());
    ProcessDecider decider = new ProcessDecider(index, policy, grace, ctx);

    // One action per pid: several rules may match one process; the most severe one decides.
    Map<Integer, Finding> chosen = new TreeMap<>();
    for (Finding f : scan.findings()) {
      chosen.merge(f.process().pid(), f, (a, b) -> PREFERRED.compare(a, b) <= 0 ? a : b);
    }
    List<Action> actions = new ArrayList<>();
    for (Finding f : chosen.values()) {
      actions.add(decider.decide(f));
    }
    actions = ParentGrouping.group(actions);
    List<StalePidfile> files = new ArrayList<>(ctx.stalePidfiles());
    files.sort(Comparator.comparing(s -> s.path().toString()));
    for (StalePidfile s : files) {
      actions.add(pidfileAction(s, policy));
    }
    String host = scan.snapshot().host() == null ? null : scan.snapshot().host().hostname();
    return new Plan(mode, ctx.now(), grace, host, ctx.platform(), actions, scan.ruleSets());
  }

  private static Action pidfileAction(StalePidfile s, Policy policy) {
    Optional<Policy.Refusal> other = policy.otherUser(s.ownerUid(), s.owner());
    if (other.isPresent()) {
      return new KeepPidfile(s, other.get().reason(), other.get().detail());
    }
    return new RemovePidfile(s);
  }
}
