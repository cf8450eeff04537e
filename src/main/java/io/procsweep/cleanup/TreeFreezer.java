package io.procsweep.cleanup;

import io.procsweep.facts.SnapshotIndex;
import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/**
 * Freezes a kill-tree before it is escalated, so that no member can fork a child out of it in
 * between: SIGSTOP top-down (the root first, so it cannot start new children while its
 * existing ones are stopped), then the tree is read afresh and every new descendant is stopped
 * and added, until a pass finds none. Members the policy forbids are left running and their
 * subtrees alone, as the planner's {@link TreeCollector} does.
 */
final class TreeFreezer {
  /** A fork bomb could keep a pass busy forever; after this many passes the tree is as found. */
  static final int MAX_PASSES = 20;

  /** The tree to escalate, deepest first and the root last, and who joined after the scan. */
  record Frozen(List<Target> members, List<Target> lateMembers, List<Target> stopped) {}

  private final Signaller signaller;

  TreeFreezer(Signaller signaller) {
    this.signaller = signaller;
  }

  Frozen freeze(String action, List<Target> planned, List<Excluded> excluded,
      List<SignalRecord> log) throws Halt {
    Target root = planned.get(planned.size() - 1);
    Map<Integer, Target> members = new LinkedHashMap<>();
    List<Target> stopped = new ArrayList<>();
    List<Target> late = new ArrayList<>();
    // Top-down: the plan lists deepest first.
    for (int i = planned.size() - 1; i >= 0; i--) {
      Target t = planned.get(i);
      members.put(t.pid(), t);
      stop(action, t, t.equals(root), stopped, log);
    }
    Set<Integer> left = new HashSet<>();
    for (Excluded e : excluded) {
      left.add(e.process().pid());
    }
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      SnapshotIndex index = fresh();
      if (index == null) {
        break;
      }
      List<ProcessInfo> joined = new ArrayList<>();
      // Only members this run stopped are verified as the planned processes: a pid that now
      // names another process (or that the policy refused) must not lend us its children.
      for (Target m : new ArrayList<>(stopped)) {
        for (ProcessInfo child : index.children(m.pid())) {
          if (members.containsKey(child.pid()) || left.contains(child.pid())) {
            continue;
          }
          if (signaller.policy().mayTouch(child, Policy.Role.TREE_MEMBER).isPresent()) {
            left.add(child.pid()); // and its subtree stays out: walked from members only
            continue;
          }
          joined.add(child);
        }
      }
      if (joined.isEmpty()) {
        break;
      }
      joined.sort(Comparator.comparingInt(ProcessInfo::pid));
      for (ProcessInfo p : joined) {
        Target t = Target.of(p);
        members.put(t.pid(), t);
        late.add(t);
        stop(action, t, false, stopped, log);
      }
    }
    return new Frozen(deepestFirst(members, root), late, stopped);
  }

  /** SIGCONT to everything this run stopped that is still stopped. */
  void thaw(String action, List<Target> stopped, List<SignalRecord> log) throws Halt {
    for (Target t : stopped) {
      signaller.thaw(action, t, log);
    }
  }

  private void stop(String action, Target t, boolean isRoot, List<Target> stopped,
      List<SignalRecord> log) throws Halt {
    SignalResult r = signaller.send(action, t, Signal.STOP,
        isRoot ? Policy.Role.TARGET : Policy.Role.TREE_MEMBER, log);
    if (r == SignalResult.SENT) {
      stopped.add(t);
    }
  }

  private SnapshotIndex fresh() {
    try {
      List<ProcessInfo> all = signaller.live().all();
      return new SnapshotIndex(new Snapshot(Instant.EPOCH, "fresh", (HostInfo) null, all,
          List.of(), List.of()));
    } catch (SnapshotException e) {
      return null; // the planned tree is still frozen and escalated; nothing new is added
    }
  }

  /**
   * Deepest first, the root last. Members were added parent before child (the plan's tree
   * top-down, then each pass's new children), so the reverse of that order has every child
   * before its parent.
   */
  private static List<Target> deepestFirst(Map<Integer, Target> members, Target root) {
    List<Target> ordered = new ArrayList<>();
    for (Target t : members.values()) {
      if (!t.equals(root)) {
        ordered.add(0, t);
      }
    }
    ordered.add(root);
    return ordered;
  }
}
