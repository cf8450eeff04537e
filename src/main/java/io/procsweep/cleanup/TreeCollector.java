package io.procsweep.cleanup;

import io.procsweep.facts.SnapshotIndex;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A kill-tree's members from the snapshot, deepest first, with what it leaves out and why. */
final class TreeCollector {
  private final SnapshotIndex index;
  private final Policy policy;
  private final boolean windows;

  record Tree(List<Target> members, List<Excluded> excluded) {}

  private record Member(ProcessInfo process, int depth) {}

  TreeCollector(SnapshotIndex index, Policy policy, boolean windows) {
    this.index = index;
    this.policy = policy;
    this.windows = windows;
  }

  Tree collect(ProcessInfo root) {
    List<Member> members = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    Set<Integer> seen = new HashSet<>(Set.of(root.pid()));
    walk(root, 1, null, seen, members, excluded);
    members.sort(Comparator.comparingInt(Member::depth).reversed()
        .thenComparingInt(m -> m.process().pid()));
    List<Target> out = new ArrayList<>();
    for (Member m : members) {
      out.add(Target.of(m.process()));
    }
    out.add(Target.of(root));
    excluded.sort(Comparator.comparingInt(e -> e.process().pid()));
    return new Tree(out, excluded);
  }

  /**
   * @param shelter when non-null, an ancestor inside the tree that must never be touched: its
   *     whole subtree is left alone too, since killing a protected worker's children breaks it
   */
  private void walk(ProcessInfo parent, int depth, Policy.Refusal shelter, Set<Integer> seen,
      List<Member> members, List<Excluded> excluded) {
    List<ProcessInfo> children = new ArrayList<>(index.children(parent.pid()));
    children.sort(Comparator.comparingInt(ProcessInfo::pid));
    for (ProcessInfo child : children) {
      if (!seen.add(child.pid()) || !reallyChild(parent, child)) {
        continue;
      }
      Policy.Refusal inherited = shelter;
      Optional<Policy.Refusal> refusal;
      if (shelter != null) {
        refusal = Optional.of(shelter);
      } else {
        Optional<Policy.Refusal> never = policy.never(child);
        if (never.isPresent()) {
          inherited = new Policy.Refusal(never.get().reason(),
              "below pid " + child.pid() + ", which is " + never.get().detail());
          refusal = never;
        } else if (child.state() == ProcState.ZOMBIE) {
          refusal = Optional.of(new Policy.Refusal(KeepReason.ZOMBIE,
              "a zombie: init reaps it once its parent is gone"));
        } else {
          refusal = policy.mayTouch(child, Policy.Role.TREE_MEMBER);
        }
      }
      if (refusal.isPresent()) {
        excluded.add(new Excluded(Target.of(child), refusal.get().reason(),
            refusal.get().detail()));
      } else {
        members.add(new Member(child, depth));
      }
      walk(child, depth + 1, inherited, seen, members, excluded);
    }
  }

  /**
   * Windows never reparents: a "child" that started before its parent belongs to an earlier
   * holder of the parent's pid, not to this tree.
   */
  private boolean reallyChild(ProcessInfo parent, ProcessInfo child) {
    return !windows || child.startTimeMs() >= parent.startTimeMs();
  }
}
