package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;

/**
 * Safe mode's zombie action: SIGCHLD to the parent (a parent that reaps on SIGCHLD but missed
 * one gets another chance), then a re-check whether the zombie is gone.
 */
public record SignalParent(Target target, Target parent, Cause cause, List<Step> steps)
    implements Action {

  public SignalParent {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(cause, "cause");
    steps = List.copyOf(steps);
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
