package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;

/**
 * Forced mode's zombie action: the parent that never reaps is terminated (with escalation), so
 * the zombie is reparented to init, which reaps it. Escalation stops as soon as the zombie is
 * gone, even if the parent still runs.
 */
public record TerminateParent(Target target, Target parent, Cause cause, List<Step> steps,
    String note) implements Action {

  public TerminateParent {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(cause, "cause");
    steps = List.copyOf(steps);
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
