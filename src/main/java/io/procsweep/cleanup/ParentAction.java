package io.procsweep.cleanup;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the two zombie-parent actions share: their list of zombies, by pid, each pid once. */
final class ParentAction {
  private ParentAction() {}

  static List<Target> zombies(List<Target> zombies) {
    if (zombies == null || zombies.isEmpty()) {
      throw new IllegalArgumentException("a parent action is for at least one zombie");
    }
    List<Target> sorted = zombies.stream().sorted(Comparator.comparingInt(Target::pid)).toList();
    Set<Integer> seen = new HashSet<>();
    for (Target t : sorted) {
      if (!seen.add(t.pid())) {
        throw new IllegalArgumentException("zombie " + t.pid() + " is listed twice");
      }
    }
    return sorted;
  }
}
