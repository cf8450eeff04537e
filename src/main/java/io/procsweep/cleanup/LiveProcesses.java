package io.procsweep.cleanup;

import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.SnapshotSource;
import java.util.List;
import java.util.Optional;

/**
 * Fresh reads of the process table for the executor: the policy is asked again on what the
 * process is right before each signal, never on what the plan says it was.
 */
public interface LiveProcesses {

  /** A fresh read of one process; empty when it is gone or the pid is not a process. */
  Optional<ProcessInfo> process(int pid);

  /** A fresh read of every process, to re-collect a frozen kill-tree. */
  List<ProcessInfo> all() throws SnapshotException;

  /**
   * A fresh read of every listening socket and its holders, to check after cleanup that the
   * processes it ended no longer hold their ports. Fakes without sockets hold none.
   */
  default List<Listener> listeners() throws SnapshotException {
    return List.of();
  }

  /** Reads through a snapshot source (the backend the scan used). */
  static LiveProcesses of(SnapshotSource source) {
    return new LiveProcesses() {
      @Override
      public Optional<ProcessInfo> process(int pid) {
        try {
          return source.readProcess(pid);
        } catch (SnapshotException e) {
          // Not readable now: nothing is signalled on a guess (fail closed, as "gone").
          return Optional.empty();
        }
      }

      @Override
      public List<ProcessInfo> all() throws SnapshotException {
        return source.read(false).processes();
      }

      @Override
      public List<Listener> listeners() throws SnapshotException {
        return source.read(true).listeners();
      }
    };
  }
}
