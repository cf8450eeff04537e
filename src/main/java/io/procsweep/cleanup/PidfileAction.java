package io.procsweep.cleanup;

import io.procsweep.cleanup.pidfile.StalePidfile;
import java.util.List;

/** An action on a stale pid file: it signals no process, whatever becomes of the file. */
public sealed interface PidfileAction extends Action permits RemovePidfile, KeepPidfile {

  StalePidfile pidfile();

  @Override
  default Cause cause() {
    return Cause.STALE_PIDFILE;
  }

  @Override
  default List<Step> steps() {
    return List.of();
  }

  @Override
  default List<Target> processes() {
    return List.of();
  }
}
