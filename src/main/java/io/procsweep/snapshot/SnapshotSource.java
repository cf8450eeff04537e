package io.procsweep.snapshot;

import java.util.Optional;

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
   * A fresh read of one process, for decisions that must not rest on an earlier snapshot (the
   * cleanup policy right before acting). The fields are those a full {@link #read} gives for
   * that pid, CPU times and other moving values as of now. Empty when no process has the pid or
   * it is not a process (Linux: a thread id, whose Tgid is another pid).
   *
   * <p>The default reads the whole table; both backends override it with a one-pid read.
   *
   * @throws SnapshotException when the backend cannot read processes at all
   */
  default Optional<ProcessInfo> readProcess(int pid) throws SnapshotException {
    return read(false).processes().stream().filter(p -> p.pid() == pid).findFirst();
  }
}
