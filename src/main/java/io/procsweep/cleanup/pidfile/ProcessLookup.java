package io.procsweep.cleanup.pidfile;

import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.ProcessIdentity;
import java.util.Optional;

/**
 * A fresh read of one pid's identity; {@link ProcessControl#identity} is one. Pid files only
 * need this much, so they can be checked without the platform layer (and tested on real pids).
 */
@FunctionalInterface
public interface ProcessLookup {
  /** Empty when no process has this pid. */
  Optional<ProcessIdentity> identity(int pid);

  /**
   * The JDK's view ({@link ProcessHandle}). A process whose start time the JDK cannot read gets
   * start time 0, which makes a pid file naming it look live: unknown fails safe, a file is never
   * deleted, nor a worker left unprotected, on a guess.
   */
  static ProcessLookup jdk() {
    return pid -> ProcessHandle.of(pid).map(h -> new ProcessIdentity(pid,
        h.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L),
        h.info().command().orElse("")));
  }
}
