package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;

/**
 * Signals the target alone: one SIGTERM in safe mode, TERM/TERM/KILL in forced mode.
 *
 * @param note a remark for people reading the plan (Windows: what SIGKILL stands for), or null
 */
public record Terminate(Target target, Cause cause, List<Step> steps, String note)
    implements Action {

  public Terminate {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(cause, "cause");
    steps = List.copyOf(steps);
  }

  @Override
  public String kind() {
    return "terminate";
  }

  @Override
  public List<Target> processes() {
    return List.of(target);
  }

  @Override
  public <R> R accept(Visitor<R> v) {
    return v.terminate(this);
  }
}
