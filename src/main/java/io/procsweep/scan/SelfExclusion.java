package io.procsweep.scan;

import io.procsweep.facts.SnapshotIndex;
import io.procsweep.snapshot.ProcessInfo;
import java.util.HashSet;
import java.util.Set;

/**
 * procsweep never reports itself, its ancestors (launcher, shell, hook, CI step) or its own
 * children: cleaning them up would cut the branch it sits on.
 *
 * @param selfPid the scanning process
 * @param withDescendants also exclude its descendants (true for the CLI; tests that spawn
 *     fixtures from the scanning JVM turn it off)
 */
public record SelfExclusion(long selfPid, boolean withDescendants) {

  /** Exclusion for the running JVM, descendants included. */
  public static SelfExclusion currentProcess() {
    return new SelfExclusion(ProcessHandle.current().pid(), true);
  }

  /** Pids to leave out of this snapshot. */
  Set<Integer> excludedPids(SnapshotIndex index) {
    Set<Integer> out = new HashSet<>();
    int self = (int) selfPid;
    out.add(self);
    for (ProcessInfo a : index.ancestors(self)) {
      out.add(a.pid());
    }
    // The snapshot may have missed an ancestor that exited mid-read; the JVM's own view of the
    // chain fills that gap.
    ProcessHandle.of(selfPid).ifPresent(h -> {
      for (var p = h.parent(); p.isPresent(); p = p.get().parent()) {
        out.add((int) p.get().pid());
      }
    });
    if (withDescendants) {
      out.addAll(index.descendants(self));
    }
    out.remove(1); // pid 1 is everyone's ancestor; it is never a finding target of ours anyway
    return out;
  }
}
