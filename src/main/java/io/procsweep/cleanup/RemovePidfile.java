package io.procsweep.cleanup;

import io.procsweep.cleanup.pidfile.StalePidfile;
import java.util.Objects;

/** Deletes a stale pid file; the executor re-checks it is still stale right before. */
public record RemovePidfile(StalePidfile pidfile) implements PidfileAction {

  public RemovePidfile {
    Objects.requireNonNull(pidfile, "pidfile");
  }

  @Override
  public String kind() {
    return "remove-pidfile";
  }

  @Override
  public <R> R accept(Visitor<R> v) {
    return v.removePidfile(this);
  }
}
