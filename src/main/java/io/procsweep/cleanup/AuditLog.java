package io.procsweep.cleanup;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where every signal is recorded before the next one is sent. If a line cannot be written, the
 * executor stops signalling: cleanup without a record is not allowed.
 */
public interface AuditLog extends Closeable {

  /**
   * Appends one entry as one line and makes it durable (fsync) before returning. If that fails
   * (ENOSPC, EIO) the log is cut back to its length before the line, so it never ends in half a
   * line, and the IOException propagates: the caller then signals and deletes nothing more.
   */
  void append(AuditEntry entry) throws IOException;

  /**
   * Opens a JSON-lines log for appending; earlier runs' lines are kept. Missing directories are
   * created 0700 ({@code /var/log/procsweep} 0750) and a new log 0600. Refused, with an
   * IOException naming the cause: a symlink anywhere on the path, and a log that is not a
   * regular file (a FIFO fails at once, it is never waited on).
   */
  static AuditLog open(Path path) throws IOException {
    return JsonlAuditLog.open(path);
  }
}
