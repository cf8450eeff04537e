package io.procsweep.cleanup.pidfile;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file or directory a pid-file glob reached that could not be used: reported, never deleted.
 *
 * @param path where
 * @param kind whether it could not be read, or was read and holds no pid
 * @param reason a few words ({@code symlink, not followed}, {@code larger than 4096 bytes})
 * @param protect whether a {@code protect.pidfiles} glob reached it
 */
public record PidfileProblem(Path path, Kind kind, String reason, boolean protect) {

  /** What went wrong. */
  public enum Kind {
    /**
     * Could not be listed, opened or read: a symlink (never followed), permission denied, not a
     * regular file (a FIFO, a device). Under a protect glob this means a registered worker may
     * have been missed.
     */
    UNREADABLE("unreadable"),
    /** Read, but holds no pid (empty, text, a binary, too large). Left in place. */
    NOT_A_PIDFILE("not-a-pidfile");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public PidfileProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }
}
