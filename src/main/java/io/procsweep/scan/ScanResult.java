package io.procsweep.scan;

import io.procsweep.rules.RuleSource;
import io.procsweep.snapshot.Snapshot;
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
 */
public record ScanResult(
    Instant startedAt,
    long durationMs,
    long sampleMs,
    Snapshot snapshot,
    List<Finding> findings,
    List<RuleSource> ruleSets) {

  public ScanResult {
    findings = List.copyOf(findings);
    ruleSets = List.copyOf(ruleSets);
  }
}
