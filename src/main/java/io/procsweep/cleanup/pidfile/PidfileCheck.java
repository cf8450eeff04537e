package io.procsweep.cleanup.pidfile;

import io.procsweep.platform.ProcessIdentity;
import io.procsweep.platform.fs.DirHandle;
import io.procsweep.platform.fs.FileId;
import io.procsweep.platform.fs.FileStat;
import io.procsweep.platform.fs.FileType;
import io.procsweep.platform.fs.FsException;
import io.procsweep.platform.fs.OpenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and classifies one pid file through its directory's handle: opened without following a
 * symlink and without blocking (a FIFO is refused, not waited on), regular, at most {@link
 * #MAX_BYTES}, holding a pid. Used when planning and again right before deleting.
 */
final class PidfileCheck {
  /**
   * Start times are read at clock-tick precision (10 ms on Linux) and file times may be rounded
   * too; a process that wrote its own pid file within a second of starting must never look
   * reused.
   */
  static final long TOLERANCE_MS = 1000;

  /** Pid files are tiny; a larger file is not a pid file, and reading it all is pointless. */
  static final int MAX_BYTES = 4096;

  /** The outcome for one file: it names a pid, or it is a problem. */
  sealed interface Result permits Named, Problem, Gone {}

  /** A file that holds a pid; {@code state} says whether that pid's process wrote it. */
  record Named(Path path, PidfileState state, int pid, FileStat stat, FileId directory,
      String owner) implements Result {
    StalePidfile stale() {
      Integer uid = stat.uid() == FileStat.NO_UID ? null : stat.uid();
      return new StalePidfile(path, pid, state, uid, owner, directory, stat.id());
    }
  }

  /** A file that could not be read, or holds no pid. */
  record Problem(PidfileProblem.Kind kind, String reason) implements Result {}

  /** Deleted since it was listed (its process exited and cleaned up): nothing to report. */
  record Gone() implements Result {}

  private PidfileCheck() {}

  /** Checks {@code name} in {@code dir}, whose own id is {@code dirId}. */
  static Result check(DirHandle dir, FileId dirId, String name, ProcessLookup lookup) {
    Path path = dir.path().resolve(name);
    FileStat stat;
    byte[] head;
    try {
      // Look before opening: opening a device can have side effects (a watchdog starts its
      // timer). The fstat after the open catches a swap in between.
      FileStat before = dir.stat(name);
      if (before.type() == FileType.SYMLINK) {
        return new Problem(PidfileProblem.Kind.UNREADABLE, FsException.Reason.SYMLINK.text());
      }
      if (before.type() != FileType.REGULAR) {
        return new Problem(PidfileProblem.Kind.UNREADABLE,
            "not a regular file (" + before.type().label() + ")");
      }
    } catch (FsException e) {
      return e.reason() == FsException.Reason.NOT_FOUND ? new Gone()
          : new Problem(PidfileProblem.Kind.UNREADABLE, e.detail());
    } catch (IOException e) {
      return new Problem(PidfileProblem.Kind.UNREADABLE, "stat failed");
    }
    try (OpenFile f = dir.openRead(name)) {
      stat = f.stat();
      if (stat.type() != FileType.REGULAR) {
        return new Problem(PidfileProblem.Kind.UNREADABLE,
            "not a regular file (" + stat.type().label() + ")");
      }
      if (stat.size() > MAX_BYTES) {
        return new Problem(PidfileProblem.Kind.NOT_A_PIDFILE,
            "larger than " + MAX_BYTES + " bytes");
      }
      head = f.read(MAX_BYTES + 1);
    } catch (FsException e) {
      return e.reason() == FsException.Reason.NOT_FOUND ? new Gone()
          : new Problem(PidfileProblem.Kind.UNREADABLE, e.detail());
    } catch (IOException e) {
      return new Problem(PidfileProblem.Kind.UNREADABLE, "read failed");
    }
    if (head.length > MAX_BYTES) {
      return new Problem(PidfileProblem.Kind.NOT_A_PIDFILE, "larger than " + MAX_BYTES + " bytes");
    }
    Integer pid = parse(new String(head, StandardCharsets.UTF_8));
    if (pid == null) {
      return new Problem(PidfileProblem.Kind.NOT_A_PIDFILE, "holds no pid");
    }
    Optional<ProcessIdentity> id = lookup.identity(pid);
    PidfileState state;
    if (id.isEmpty()) {
      state = PidfileState.STALE_DEAD;
    } else {
      boolean startedAfterWrite = id.get().startTimeMs() > stat.mtimeMs() + TOLERANCE_MS;
      state = startedAfterWrite ? PidfileState.STALE_REUSED : PidfileState.LIVE;
    }
    return new Named(path, state, pid, stat, dirId, owner(path));
  }

  /** The first line, trimmed, as a positive pid; null when it is anything else. */
  static Integer parse(String text) {
    int nl = text.indexOf('\n');
    String first = (nl < 0 ? text : text.substring(0, nl)).trim();
    if (first.isEmpty() || first.length() > 10 || !first.chars().allMatch(Character::isDigit)) {
      return null;
    }
    long pid = Long.parseLong(first);
    return pid > 0 && pid <= Integer.MAX_VALUE ? (int) pid : null;
  }

  /**
   * The owner's name, for display only (decisions use the uid from fstat): looked up by path
   * without following a symlink, so a swap at worst shows the wrong name next to the right uid.
   */
  private static String owner(Path file) {
    try {
      return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
