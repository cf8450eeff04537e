package io.procsweep.scan;

import io.procsweep.rules.RuleSource;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.state.ScanState;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one scan.
 *
 * @param startedAt when the scan started
 * @param durationMs how long it took, sampling included
 * @param sampleMs the CPU sample window (0 when none)
 * @param snapshot the (last) read, already scoped: procsweep itself and its ancestors removed
 * @param findings one per process that matched a rule, in a stable order (severity descending,
 *     then leading rule, then pid)
 * @param ruleSets the rule files that were applied
 * @param rules the rules evaluated, in file order; empty when not recorded (a result built by
 *     hand), in which case only the rules of the findings are known
 * @param state what this scan hands the next ({@link Scanner#scan(java.time.Duration, Scope,
 *     SelfExclusion, ScanState)}): save it ({@code --state}) or keep it in memory ({@code
 *     watch}); {@link ScanState#EMPTY} for a result built by hand
 */
public record ScanResult(
    Instant startedAt,
    long durationMs,
    long sampleMs,
    Snapshot snapshot,
    List<Finding> findings,
    List<RuleSource> ruleSets,
    List<ActiveRule> rules,
    ScanState state) {

  public ScanResult {
    findings = List.copyOf(findings);
    ruleSets = List.copyOf(ruleSets);
    rules = rules == null ? List.of() : List.copyOf(rules);
    state = state == null ? ScanState.EMPTY : state;
  }

  /** A result that hands no state on. */
  public ScanResult(Instant startedAt, long durationMs, long sampleMs, Snapshot snapshot,
      List<Finding> findings, List<RuleSource> ruleSets, List<ActiveRule> rules) {
    this(startedAt, durationMs, sampleMs, snapshot, findings, ruleSets, rules, ScanState.EMPTY);
  }

  /** A result whose evaluated rules are not recorded. */
  public ScanResult(Instant startedAt, long durationMs, long sampleMs, Snapshot snapshot,
      List<Finding> findings, List<RuleSource> ruleSets) {
    this(startedAt, durationMs, sampleMs, snapshot, findings, ruleSets, List.of());
  }

  /** The same scan with other findings (a baseline's new ones, say); the rules stay. */
  public ScanResult withFindings(List<Finding> kept) {
    return new ScanResult(startedAt, durationMs, sampleMs, snapshot, kept, ruleSets, rules,
        state);
  }
}
