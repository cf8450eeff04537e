package io.procsweep.cleanup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Keeps audit entries in memory; can be told to fail after a number of lines. */
final class MemoryAudit implements AuditLog {
  final List<AuditEntry> entries = new ArrayList<>();
  int failAfter = Integer.MAX_VALUE;

  @Override
  public void append(AuditEntry entry) throws IOException {
    if (entries.size() >= failAfter) {
      throw new IOException("disk full");
    }
    entries.add(entry);
  }

  @Override
  public void close() {}
}
