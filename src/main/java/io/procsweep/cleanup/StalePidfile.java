package io.procsweep.cleanup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A watched pid file that no longer names its process. The CLI turns these into
 * {@code stale-pidfile} findings in scan reports; the planner turns them into
 * {@code remove-pidfile} actions.
 *
 * @param path the file
 * @param pid the pid it names; null when it names none (garbage)
 * @param state why it is stale (never {@link PidfileState#LIVE})
 * @param ownerUid the file's owner uid, null where the file system has none (Windows)
 * @param owner the file's owner name, null when unknown
 */
public record StalePidfile(Path path, Integer pid, PidfileState state, Integer ownerUid,
    String owner) {

  public StalePidfile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(state, "state");
    if (!state.stale()) {
      throw new IllegalArgumentException("a live pid file is not stale: " + path);
    }
  }
}
