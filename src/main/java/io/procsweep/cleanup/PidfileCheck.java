package io.procsweep.cleanup;

import io.procsweep.platform.ProcessIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/** Reads and classifies one pid file. Used when planning and again right before deleting. */
final class PidfileCheck {
  /**
   * Start times are read at clock-tick precision (10 ms on Linux) and file times may be rounded
   * too; a process that wrote its own pid file within a second of starting must never look
   * reused.
   */
  static final long TOLERANCE_MS = 1000;

  /** Pid files are tiny; a huge one is not a pid file, and reading it all is pointless. */
  private static final int MAX_BYTES = 4096;

  /** The result of one check; {@code pid} is null when the file names none. */
  record Result(Path path, PidfileState state, Integer pid, Integer ownerUid, String owner) {
    StalePidfile stale() {
      return new StalePidfile(path, pid, state, ownerUid, owner);
    }
  }

  private PidfileCheck() {}

  static Result check(Path file, ProcessLookup lookup) {
    Integer ownerUid = ownerUid(file);
    String owner = owner(file);
    FileTime mtime;
    Integer pid;
    try {
      mtime = Files.getLastModifiedTime(file);
      pid = parse(readHead(file));
    } catch (IOException | UncheckedIOException e) {
      return new Result(file, PidfileState.STALE_GARBAGE, null, ownerUid, owner);
    }
    if (pid == null) {
      return new Result(file, PidfileState.STALE_GARBAGE, null, ownerUid, owner);
    }
    Optional<ProcessIdentity> id = lookup.identity(pid);
    if (id.isEmpty()) {
      return new Result(file, PidfileState.STALE_DEAD, pid, ownerUid, owner);
    }
    boolean startedAfterWrite = id.get().startTimeMs() > mtime.toMillis() + TOLERANCE_MS;
    return new Result(file, startedAfterWrite ? PidfileState.STALE_REUSED : PidfileState.LIVE,
        pid, ownerUid, owner);
  }

  private static String readHead(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    }
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

  private static Integer ownerUid(Path file) {
    try {
      Object uid = Files.getAttribute(file, "unix:uid");
      return uid instanceof Integer ? (Integer) uid : null;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // No "unix" attribute view (Windows) or the file vanished: the owner is unknown.
      return null;
    }
  }

  private static String owner(Path file) {
    try {
      return Files.getOwner(file).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
