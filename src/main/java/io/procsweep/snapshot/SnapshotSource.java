package io.procsweep.snapshot;

/** Reads the process table. One implementation per backend; the OS is isolated behind it. */
public interface SnapshotSource {

  /** Backend name as written in reports ({@code proc}, {@code oshi}). */
  String name();

  /**
   * Reads every process, and the listening sockets when asked. Never throws for one process's
   * failed read: such failures go into {@link Snapshot#unreadable()}.
   *
   * @param withListeners false for a quick CPU-sample read that needs processes only
   * @throws SnapshotException when the process table itself cannot be read at all
   */
  Snapshot read(boolean withListeners) throws SnapshotException;

  /**
   * A fresh read of one process, as a full read would give it; empty when it does not exist
   * (or the table cannot be read: the caller then fails closed).
   */
  default java.util.Optional<ProcessInfo> readProcess(int pid) {
    try {
      return read(false).processes().stream().filter(p -> p.pid() == pid).findFirst();
    } catch (SnapshotException e) {
      return java.util.Optional.empty();
    }
  }
}
