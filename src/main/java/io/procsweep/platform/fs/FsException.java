package io.procsweep.platform.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file operation that failed, with a reason callers can act on (a symlink refused is not the
 * same as a missing file). The message is one sentence: {@code <path>: <why>}.
 */
public final class FsException extends IOException {

  /** Why an operation failed. */
  public enum Reason {
    NOT_FOUND("not found"),
    /** A symlink where a file or directory was expected; never followed. */
    SYMLINK("symlink, not followed"),
    NOT_DIRECTORY("not a directory"),
    /** A FIFO, device, socket or directory where a regular file was expected. */
    NOT_REGULAR("not a regular file"),
    ACCESS_DENIED("permission denied"),
    EXISTS("already exists"),
    /** The name now names another file than the one expected (dev/inode differ). */
    CHANGED("changed"),
    /** The native file API could not be loaded. */
    UNAVAILABLE("file API unavailable"),
    OTHER("failed");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** A few words for messages and reports ({@code symlink, not followed}). */
    public String text() {
      return text;
    }
  }

  private final Path path;
  private final Reason reason;
  private final String detail;

  public FsException(Path path, Reason reason, String detail) {
    super(path + ": " + (detail == null || detail.isEmpty() ? reason.text() : detail));
    this.path = Objects.requireNonNull(path, "path");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = detail == null || detail.isEmpty() ? reason.text() : detail;
  }

  public FsException(Path path, Reason reason) {
    this(path, reason, null);
  }

  /** The file (or path component) the operation failed on. */
  public Path path() {
    return path;
  }

  public Reason reason() {
    return reason;
  }

  /** The message without the path ({@code symlink, not followed}, {@code input/output error}). */
  public String detail() {
    return detail;
  }
}
