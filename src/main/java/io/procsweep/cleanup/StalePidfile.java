package io.procsweep.cleanup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A watched pid file that no longer names its process. The planner turns these into
 * {@code remove-pidfile} actions (or {@code none} for another user's file), each carrying a
 * {@code stale-pidfile} finding in plans and outcomes; scan reports do not list them yet.
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
