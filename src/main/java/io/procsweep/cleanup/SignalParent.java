package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;

/**
 * Safe mode's zombie action: SIGCHLD to the parent (a parent that reaps on SIGCHLD but missed
 * some gets another chance), then a re-check whether its zombies are gone. One action per
 * parent: 25 zombies of one parent are one SIGCHLD, not 25.
 *
 * @param zombies the parent's zombie children it is for, by pid; the first is {@link #target()}
 */
public record SignalParent(List<Target> zombies, Target parent, Cause cause, List<Step> steps)
    implements Action {

  public SignalParent {
    zombies = ParentAction.zombies(zombies);
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(cause, "cause");
    steps = List.copyOf(steps);
  }

  /** For one zombie. */
  public SignalParent(Target target, Target parent, Cause cause, List<Step> steps) {
    this(List.of(target), parent, cause, steps);
  }

  /** The lowest-pid zombie: where the plan lists the action and what it is matched by. */
  public Target target() {
    return zombies.get(0);
  }

  @Override
  public String kind() {
    return "signal-parent";
  }

  @Override
  public List<Target> processes() {
    return List.of(parent);
  }

  @Override
  public <R> R accept(Visitor<R> v) {
    return v.signalParent(this);
  }
}
