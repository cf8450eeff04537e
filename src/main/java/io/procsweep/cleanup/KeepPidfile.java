package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;

/** The {@code none} action for a stale pid file that is left in place (another user's). */
public record KeepPidfile(StalePidfile pidfile, KeepReason reason, String detail)
    implements Action {

  public KeepPidfile {
    Objects.requireNonNull(pidfile, "pidfile");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String kind() {
    return "none";
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
    return v.keepPidfile(this);
  }
}
