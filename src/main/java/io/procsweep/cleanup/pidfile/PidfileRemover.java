package io.procsweep.cleanup.pidfile;

import io.procsweep.platform.fs.DirHandle;
import io.procsweep.platform.fs.FileId;
import io.procsweep.platform.fs.FileStat;
import io.procsweep.platform.fs.FsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Removes a planned stale pid file, or refuses. The directory is opened again from {@code /}
 * without following symlinks and must still be the planned one (dev+inode); the file must still
 * be the planned one and still stale for the same pid (read again through the handle); then
 * {@code unlinkat} on that same handle, after one more dev+inode check. A {@code .run/} swapped
 * for a symlink between plan and removal is refused, and what the symlink points to untouched.
 */
public final class PidfileRemover {
  private final ProcessLookup lookup;

  public PidfileRemover(ProcessLookup lookup) {
    this.lookup = lookup;
  }

  /** Verifies and removes in one go. */
  public Removal remove(StalePidfile planned) {
    try (Verified v = verify(planned)) {
      return v.refusal().orElseGet(v::unlink);
    }
  }

  /**
   * Everything short of the unlink, so a caller can write its audit intent in between. The
   * returned value holds the directory handle open: close it.
   */
  public Verified verify(StalePidfile planned) {
    Objects.requireNonNull(planned, "planned");
    Path path = planned.path();
    if (planned.directory() == null || planned.file() == null || planned.pid() == null) {
      return Verified.refused(Removal.skipped("unverified",
          "the plan records no file identity or pid to check; left in place"));
    }
    Path parent = path.toAbsolutePath().getParent();
    String name = path.getFileName().toString();
    DirHandle dir;
    try {
      dir = DirHandle.open(parent);
    } catch (FsException e) {
      return Verified.refused(fsRefusal(e));
    } catch (IOException e) {
      return Verified.refused(error(e));
    }
    try {
      if (!dir.stat().id().equals(planned.directory())) {
        dir.close();
        return Verified.refused(Removal.skipped("changed",
            "its directory was replaced since the plan; left in place"));
      }
      FileStat now = dir.stat(name);
      if (!now.id().equals(planned.file())) {
        dir.close();
        return Verified.refused(Removal.skipped("changed",
            "replaced by another file since the plan; left in place"));
      }
      PidfileCheck.Result r = PidfileCheck.check(dir, planned.directory(), name, lookup);
      if (r instanceof PidfileCheck.Gone) {
        dir.close();
        return Verified.refused(Removal.skipped("gone", "already deleted"));
      }
      if (!(r instanceof PidfileCheck.Named)) {
        dir.close();
        return Verified.refused(Removal.skipped("changed",
            "now " + ((PidfileCheck.Problem) r).reason() + "; left in place"));
      }
      PidfileCheck.Named n = (PidfileCheck.Named) r;
      if (!n.state().stale() || n.pid() != planned.pid()) {
        dir.close();
        return Verified.refused(Removal.skipped("changed",
            "now " + n.state().label() + " for pid " + n.pid() + "; left in place"));
      }
      return new Verified(dir, name, planned, null);
    } catch (FsException e) {
      dir.close();
      return Verified.refused(fsRefusal(e));
    } catch (IOException | RuntimeException e) {
      dir.close();
      return Verified.refused(error(e));
    }
  }

  private static Removal fsRefusal(FsException e) {
    switch (e.reason()) {
      case NOT_FOUND:
        return Removal.skipped("gone", "already deleted");
      case SYMLINK:
      case NOT_DIRECTORY:
      case CHANGED:
        return Removal.skipped("changed", e.getMessage() + "; left in place");
      default:
        return error(e);
    }
  }

  private static Removal error(Exception e) {
    return new Removal(Removal.Result.ERROR, "error", "could not delete: " + e.getMessage());
  }

  /** A verified removal waiting for its unlink, or a refusal. */
  public static final class Verified implements AutoCloseable {
    private final DirHandle dir;
    private final String name;
    private final StalePidfile planned;
    private final Removal refusal;

    private Verified(DirHandle dir, String name, StalePidfile planned, Removal refusal) {
      this.dir = dir;
      this.name = name;
      this.planned = planned;
      this.refusal = refusal;
    }

    static Verified refused(Removal r) {
      return new Verified(null, null, null, r);
    }

    /** Present when the file must be left in place (or could not be checked). */
    public Optional<Removal> refusal() {
      return Optional.ofNullable(refusal);
    }

    /** unlinkat on the verified handle, if the name is still the planned file. */
    public Removal unlink() {
      if (refusal != null) {
        return refusal;
      }
      try {
        FileId expected = planned.file();
        dir.unlink(name, expected);
        return new Removal(Removal.Result.REMOVED, null,
            "deleted (" + planned.state().label() + ")");
      } catch (FsException e) {
        return fsRefusal(e);
      } catch (IOException e) {
        return error(e);
      }
    }

    @Override
    public void close() {
      if (dir != null) {
        dir.close();
      }
    }
  }
}
