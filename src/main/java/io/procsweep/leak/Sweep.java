package io.procsweep.leak;

import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * One sweep pass's decision, pure: which processes of a snapshot the wrapped command leaked.
 * A process counts when it is alive (a zombie is dead and only awaits its reaper), did not exist
 * before the command started (pid and start time), is neither procsweep nor one of its
 * ancestors, and either is procsweep's child (adopted as subreaper), carries the run's marker,
 * or descends from a process that does (one that cleared its environment is still in the tree).
 */
public final class Sweep {
  private final Set<ProcessKey> before;
  private final int selfPid;
  private final Set<Integer> ancestors;
  private final RunId runId;

  /**
   * @param before every process that existed before the command started
   * @param selfPid procsweep's pid (its children are what it adopted)
   * @param ancestors procsweep's ancestors, never counted whatever their environment says
   */
  public Sweep(Set<ProcessKey> before, int selfPid, Set<Integer> ancestors, RunId runId) {
    this.before = Set.copyOf(before);
    this.selfPid = selfPid;
    this.ancestors = Set.copyOf(ancestors);
    this.runId = runId;
  }

  /**
   * @param marker a process's {@code PROCSWEEP_RUN_ID} value, empty when unset or unreadable;
   *     asked only about processes that are new and alive
   * @return the leaked processes, by pid
   */
  public List<Leak> leaked(Snapshot snapshot, IntFunction<Optional<String>> marker) {
    List<Leak> out = new ArrayList<>();
    List<ProcessInfo> unmarked = new ArrayList<>();
    Set<Integer> leaked = new HashSet<>();
    for (ProcessInfo p : snapshot.processes()) {
      if (p.state() == ProcState.ZOMBIE || p.kernelThread() || p.pid() == selfPid
          || ancestors.contains(p.pid()) || before.contains(p.key())) {
        continue;
      }
      boolean adopted = p.ppid() == selfPid;
      boolean marked = marker.apply(p.pid()).map(runId::marks).orElse(false);
      if (adopted || marked) {
        out.add(new Leak(p, adopted, marked, List.of(), 1));
        leaked.add(p.pid());
      } else {
        unmarked.add(p);
      }
    }
    // New processes below a leak, whatever their environment: repeat until none joins.
    for (boolean grew = true; grew; ) {
      grew = false;
      for (var it = unmarked.iterator(); it.hasNext(); ) {
        ProcessInfo p = it.next();
        if (leaked.contains(p.ppid())) {
          out.add(new Leak(p, false, false, List.of(), 1));
          leaked.add(p.pid());
          it.remove();
          grew = true;
        }
      }
    }
    out.sort(Comparator.comparingInt(Leak::pid));
    return out;
  }
}
