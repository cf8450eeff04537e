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

  /** The result lines: one per signal tried (its intent line came before it). */
  List<AuditEntry> results() {
    return entries.stream().filter(e -> e.phase() == AuditEntry.Phase.RESULT).toList();
  }

  /** The intent lines, written before each signal. */
  List<AuditEntry> intents() {
    return entries.stream().filter(e -> e.phase() == AuditEntry.Phase.INTENT).toList();
  }

  @Override
  public void close() {}
}
