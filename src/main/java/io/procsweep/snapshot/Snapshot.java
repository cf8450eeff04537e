package io.procsweep.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * One read of the process table and the listening sockets. Pure data.
 *
 * @param takenAt when the read started
 * @param backend which backend produced it ({@code proc}, {@code oshi})
 * @param host the machine
 * @param processes every process that could be seen
 * @param listeners every (listening socket, holder) pair
 * @param unreadable what could not be read, and why
 * @param processesRead when the process table was walked (the middle of the walk; listener
 *     reading excluded): the time CPU times are as of
 */
public record Snapshot(
    Instant takenAt,
    String backend,
    HostInfo host,
    List<ProcessInfo> processes,
    List<Listener> listeners,
    List<ReadFailure> unreadable,
    ReadTime processesRead) {

  public Snapshot {
    processes = List.copyOf(processes);
    listeners = List.copyOf(listeners);
    unreadable = List.copyOf(unreadable);
    processesRead = processesRead == null ? ReadTime.of(takenAt) : processesRead;
  }

  /** A snapshot whose process walk is known only as {@code takenAt} (built by hand, tests). */
  public Snapshot(Instant takenAt, String backend, HostInfo host, List<ProcessInfo> processes,
      List<Listener> listeners, List<ReadFailure> unreadable) {
    this(takenAt, backend, host, processes, listeners, unreadable, ReadTime.of(takenAt));
  }
}
