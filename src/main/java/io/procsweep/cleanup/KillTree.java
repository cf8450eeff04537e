package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;

/**
 * Signals the target and its descendants, deepest first, each rung to every member still alive
 * before waiting: children go before the parent that might restart them, and none is left
 * behind as a new orphan.
 *
 * @param tree members deepest first, the target last; each is identity-checked on its own
 * @param excluded descendants left alone (protected, kernel threads, zombies, ...) and why
 */
public record KillTree(Target target, Cause cause, List<Step> steps, List<Target> tree,
    List<Excluded> excluded, String note) implements Action {

  public KillTree {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(cause, "cause");
    steps = List.copyOf(steps);
    tree = List.copyOf(tree);
    excluded = List.copyOf(excluded);
    if (tree.isEmpty() || !tree.get(tree.size() - 1).equals(target)) {
      throw new IllegalArgumentException("a kill-tree ends with its target, pid " + target.pid());
    }
  }

  @Override
  public String kind() {
    return "kill-tree";
  }

  @Override
  public List<Target> processes() {
    return tree;
  }

  @Override
  public <R> R accept(Visitor<R> v) {
    return v.killTree(this);
  }
}
