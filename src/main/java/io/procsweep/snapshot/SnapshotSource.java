package io.procsweep.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
   * Reads every process, but of each only what {@code plan} names (and what identifies it: pid,
   * parent, name, state, start and CPU times). A field not read is null, and is no failure. A
   * backend may read more than asked; the default reads everything.
   *
   * @throws SnapshotException when the process table itself cannot be read at all
   */
  default Snapshot read(ReadPlan plan) throws SnapshotException {
    return read(plan.listeners());
  }

  /**
   * {@code snapshot}, read with {@code plan}, with the processes {@code pids} completed: each
   * field {@code plan} did not read taken from a fresh read of the same process (same start
   * time); the fields it read stay as they were. For the few processes a report shows in full.
   * A process that is gone or was replaced stays as it was read.
   *
   * <p>The default reads each through {@link #readProcess(int)}; the proc backend reads only
   * the missing files.
   */
  default Snapshot complete(Snapshot snapshot, ReadPlan plan, Set<Integer> pids)
      throws SnapshotException {
    if (pids.isEmpty() || plan.missing().sources().isEmpty()) {
      return snapshot;
    }
    List<ProcessInfo> processes = new ArrayList<>(snapshot.processes().size());
    for (ProcessInfo p : snapshot.processes()) {
      ProcessInfo fresh = pids.contains(p.pid()) ? readProcess(p.pid()).orElse(null) : null;
      processes.add(fresh != null && fresh.startTimeMs() == p.startTimeMs()
          ? plan.fill(p, fresh) : p);
    }
    return new Snapshot(snapshot.takenAt(), snapshot.backend(), snapshot.host(), processes,
        snapshot.listeners(), snapshot.unreadable(), snapshot.processesRead());
  }

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
