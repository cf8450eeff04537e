package io.procsweep.cleanup.pidfile;

import io.procsweep.platform.fs.FileId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A watched pid file that no longer names its process. The planner turns these into
 * {@code remove-pidfile} actions (or {@code none} for another user's file), each carrying a
 * {@code stale-pidfile} finding in plans and outcomes; scan reports do not list them yet.
 *
 * <p>The ids pin what was planned: {@link PidfileRemover} re-opens the directory without
 * following symlinks and removes nothing unless the directory and the file are still these.
 *
 * @param path the file (absolute)
 * @param pid the pid it names; null only in old saved plans ({@link PidfileState#STALE_GARBAGE})
 * @param state why it is stale (never {@link PidfileState#LIVE})
 * @param ownerUid the file's owner uid (from fstat), null where the file system has none
 * @param owner the file's owner name, null when unknown
 * @param directory dev+inode of the directory holding it when planned; null when not recorded
 *     (then it is never removed)
 * @param file dev+inode of the file when planned; null when not recorded
 */
public record StalePidfile(Path path, Integer pid, PidfileState state, Integer ownerUid,
    String owner, FileId directory, FileId file) {

  public StalePidfile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(state, "state");
    if (!state.stale()) {
      throw new IllegalArgumentException("a live pid file is not stale: " + path);
    }
  }

  /** Without recorded identities (plans that do not carry them): such a file is never removed. */
  public StalePidfile(Path path, Integer pid, PidfileState state, Integer ownerUid,
      String owner) {
    this(path, pid, state, ownerUid, owner, null, null);
  }
}
