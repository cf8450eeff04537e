package io.procsweep.cleanup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One action per signalled parent: zombies of one parent become one signal-parent (or
 * terminate-parent) for all of them, at the place of the lowest-pid zombie. Its finding is the
 * most severe of theirs (then by rule id, so the choice never depends on order).
 */
final class ParentGrouping {
  private static final Comparator<Cause> PREFERRED =
      Comparator.comparing(Cause::severity, Comparator.reverseOrder())
          .thenComparing(Cause::rule);

  private ParentGrouping() {}

  static List<Action> group(List<Action> actions) {
    Map<String, List<Action>> byParent = new LinkedHashMap<>();
    for (Action a : actions) {
      String key = key(a);
      if (key != null) {
        byParent.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
      }
    }
    List<Action> out = new ArrayList<>();
    for (Action a : actions) {
      String key = key(a);
      if (key == null) {
        out.add(a);
        continue;
      }
      List<Action> group = byParent.remove(key);
      if (group != null) {
        out.add(merge(group)); // at the first (lowest-pid) zombie's place
      }
    }
    return out;
  }

  /** The parent's identity and the action kind; null for actions that are not a parent's. */
  private static String key(Action a) {
    if (a instanceof SignalParent || a instanceof TerminateParent) {
      Target parent = a.processes().get(0);
      return a.kind() + "/" + parent.pid() + "/" + parent.startTimeMs();
    }
    return null;
  }

  private static Action merge(List<Action> group) {
    if (group.size() == 1) {
      return group.get(0);
    }
    List<Target> zombies = new ArrayList<>();
    Cause cause = group.get(0).cause();
    for (Action a : group) {
      zombies.addAll(a instanceof SignalParent ? ((SignalParent) a).zombies()
          : ((TerminateParent) a).zombies());
      if (PREFERRED.compare(a.cause(), cause) < 0) {
        cause = a.cause();
      }
    }
    Action first = group.get(0);
    if (first instanceof SignalParent) {
      SignalParent s = (SignalParent) first;
      return new SignalParent(zombies, s.parent(), cause, s.steps());
    }
    TerminateParent t = (TerminateParent) first;
    return new TerminateParent(zombies, t.parent(), cause, t.steps(), t.note());
  }
}
