package io.procsweep.cleanup;

import io.procsweep.platform.ProcessIdentity;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.util.Objects;

/**
 * A process as the plan saw it. The (pid, start time, name) triple is what the executor
 * re-checks before every signal: a saved plan may be carried out after the pid was reused.
 *
 * @param pid process id
 * @param startTimeMs start time, epoch ms, as the snapshot read it
 * @param name short name as the snapshot read it
 * @param user owner's name, null when unknown
 * @param uid owner's uid, null when unknown (or on Windows)
 * @param state state when planned
 */
public record Target(int pid, long startTimeMs, String name, String user, Integer uid,
    ProcState state) {

  public Target {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
  }

  public static Target of(ProcessInfo p) {
    return new Target(p.pid(), p.startTimeMs(), p.name(), p.user(), p.uid(), p.state());
  }

  /** What {@code ProcessControl} compares against a fresh read. */
  public ProcessIdentity identity() {
    return new ProcessIdentity(pid, startTimeMs, name);
  }

  /** Whether a fresh read names this same incarnation (pid numbers are reused). */
  boolean sameAs(ProcessIdentity fresh) {
    return fresh.pid() == pid && fresh.startTimeMs() == startTimeMs && fresh.name().equals(name);
  }
}
