package io.procsweep.cleanup;

import io.procsweep.cleanup.pidfile.StalePidfile;
import java.util.Objects;

/** The {@code none} action for a stale pid file that is left in place (another user's). */
public record KeepPidfile(StalePidfile pidfile, KeepReason reason, String detail)
    implements PidfileAction {

  public KeepPidfile {
    Objects.requireNonNull(pidfile, "pidfile");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String kind() {
    return "none";
  }

  @Override
  public <R> R accept(Visitor<R> v) {
    return v.keepPidfile(this);
  }
}
