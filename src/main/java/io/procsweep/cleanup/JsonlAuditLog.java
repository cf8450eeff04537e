package io.procsweep.cleanup;

import io.procsweep.platform.fs.DirHandle;
import io.procsweep.platform.fs.FsException;
import io.procsweep.platform.fs.OpenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The audit log as JSON lines ({@link AuditLine}), appended and fsynced one line at a time: if
 * procsweep is killed mid-cleanup, every line it wrote is on disk; if a write fails (a full
 * disk, an I/O error), the file is cut back to where it was, so it never ends in half a line.
 *
 * <p>The file is reached from {@code /} one component at a time without following symlinks
 * ({@link DirHandle}): a planted symlink anywhere on the path cannot make root append to another
 * file. Missing directories are created 0700 (root's {@code /var/log/procsweep} 0750), a new log
 * 0600. A FIFO, device or directory at the log's name is refused at once, never waited on.
 */
final class JsonlAuditLog implements AuditLog {
  static final int DIR_MODE = 0700;
  static final int SYSTEM_DIR_MODE = 0750;
  static final int FILE_MODE = 0600;

  private final OpenFile file;

  private JsonlAuditLog(OpenFile file) {
    this.file = file;
  }

  static JsonlAuditLog open(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new FsException(absolute, FsException.Reason.NOT_REGULAR, "not a file");
    }
    String name = absolute.getFileName().toString();
    try (DirHandle dir = openOrCreateDirs(parent)) {
      return new JsonlAuditLog(dir.openOrCreateAppend(name, FILE_MODE));
    }
  }

  /** Walks down from the root, creating what is missing; an existing symlink is refused. */
  private static DirHandle openOrCreateDirs(Path dir) throws IOException {
    try {
      return DirHandle.open(dir);
    } catch (FsException e) {
      if (e.reason() != FsException.Reason.NOT_FOUND || dir.getParent() == null) {
        throw e;
      }
    }
    try (DirHandle parent = openOrCreateDirs(dir.getParent())) {
      String name = dir.getFileName().toString();
      try {
        parent.mkdir(name, AuditLocation.systemDir(dir) ? SYSTEM_DIR_MODE : DIR_MODE);
        parent.fsync();
      } catch (FsException e) {
        // Someone else created it meanwhile: fine, as long as it is a directory (openDir
        // below refuses a symlink).
        if (e.reason() != FsException.Reason.EXISTS) {
          throw e;
        }
      }
      return parent.openDir(name);
    }
  }

  /**
   * Writes one line and fsyncs it. On failure the file is truncated back to its length before
   * the line and the IOException propagates: the caller must then do nothing more.
   */
  @Override
  public synchronized void append(AuditEntry e) throws IOException {
    byte[] line = AuditLine.of(e).getBytes(StandardCharsets.UTF_8);
    // Two procsweep runs sharing one log each write whole lines (O_APPEND); only a failing
    // write racing another run's append could cut into that run's line, which needs both a
    // full disk and two concurrent cleanups.
    long before = file.size();
    try {
      file.write(line);
      file.fsync();
    } catch (IOException failure) {
      try {
        file.truncate(before);
        file.fsync();
      } catch (IOException cut) {
        failure.addSuppressed(cut);
      }
      throw failure;
    }
  }

  @Override
  public synchronized void close() {
    file.close();
  }
}
