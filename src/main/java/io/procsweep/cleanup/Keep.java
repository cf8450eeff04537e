package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;

/**
 * The {@code none} action: a process that was found but gets no signal.
 *
 * @param detail a sentence for people, naming the reaper, the protection, the owner, ...
 */
public record Keep(Target target, Cause cause, KeepReason reason, String detail)
    implements Action {

  public Keep {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String kind() {
    return "none";
  }

  @Override
  public List<Step> steps() {
    return List.of();
  }

  @Override
  public List<Target> processes() {
    return List.of();
  }

  @Override
  public <R> R accept(Visitor<R> v) {
    return v.keep(this);
  }
}
