package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;

/** Deletes a stale pid file; the executor re-checks it is still stale right before. */
public record RemovePidfile(StalePidfile pidfile) implements Action {

  public RemovePidfile {
    Objects.requireNonNull(pidfile, "pidfile");
  }

  @Override
  public String kind() {
    return "remove-pidfile";
  }

  @Override
  public Cause cause() {
    return Cause.STALE_PIDFILE;
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
    return v.removePidfile(this);
  }
}
