package io.procsweep.cleanup;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where every signal is recorded before the next one is sent. If a line cannot be written, the
 * executor stops signalling: cleanup without a record is not allowed.
 */
public interface AuditLog extends Closeable {

  /** Appends one entry and makes it durable before returning. */
  void append(AuditEntry entry) throws IOException;

  /**
   * Opens (creating it and its parent directories if needed) a JSON-lines log for appending;
   * earlier runs' lines are kept.
   */
  static AuditLog open(Path path) throws IOException {
    return JsonlAuditLog.open(path);
  }
}
