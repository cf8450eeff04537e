package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;

/**
 * Forced mode's zombie action: the parent that never reaps is terminated (with escalation), so
 * its zombies are reparented to init, which reaps them. Escalation stops as soon as they are
 * gone, even if the parent still runs. One action per parent, for all of its zombies.
 *
 * @param zombies the parent's zombie children it is for, by pid; the first is {@link #target()}
 */
public record TerminateParent(List<Target> zombies, Target parent, Cause cause,
    List<Step> steps, String note) implements Action {

  public TerminateParent {
    zombies = ParentAction.zombies(zombies);
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(cause, "cause");
    steps = List.copyOf(steps);
  }

  /** For one zombie. */
  public TerminateParent(Target target, Target parent, Cause cause, List<Step> steps,
      String note) {
    this(List.of(target), parent, cause, steps, note);
  }

  /** The lowest-pid zombie: where the plan lists the action and what it is matched by. */
  public Target target() {
    return zombies.get(0);
  }

  @Override
  public String kind() {
    return "terminate-parent";
  }

  @Override
  public List<Target> processes() {
    return List.of(parent);
  }

  @Override
  public <R> R accept(Visitor<R> v) {
    return v.terminateParent(this);
  }
}
