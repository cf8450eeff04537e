package io.procsweep.cleanup;

import io.procsweep.platform.SignalResult;
import java.util.List;

/**
 * The outcome in numbers.
 *
 * @param found targets in the plan
 * @param signalled targets at least one signal was delivered for
 */
public record Counts(int found, int signalled, int terminated, int removed, int survived,
    int skipped, int errors, int preserved, int planned) {

  static Counts of(List<TargetOutcome> targets) {
    int signalled = 0;
    int[] byStatus = new int[Status.values().length];
    for (TargetOutcome t : targets) {
      byStatus[t.status().ordinal()]++;
      if (t.signals().stream().anyMatch(s -> s.result() == SignalResult.SENT)) {
        signalled++;
      }
    }
    return new Counts(targets.size(), signalled, byStatus[Status.TERMINATED.ordinal()],
        byStatus[Status.REMOVED.ordinal()], byStatus[Status.SURVIVED.ordinal()],
        byStatus[Status.SKIPPED.ordinal()], byStatus[Status.ERROR.ordinal()],
        byStatus[Status.PRESERVED.ordinal()], byStatus[Status.PLANNED.ordinal()]);
  }
}
