package io.procsweep.cli;

import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadPlan;
import io.procsweep.snapshot.ReadFailure;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.SnapshotSource;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Says once per run, on stderr, that running unprivileged hid data: another user's sockets,
 * cwd and environment cannot be read, so a listener they hold has no known owner and its
 * finding is missing. Said only when such reads did fail, and never for root. Who runs procsweep
 * is read from the snapshot itself (its own row), so no native call is needed for it.
 */
final class UnprivilegedNote implements SnapshotSource {
  static final String DENIED = "access denied";

  private final SnapshotSource source;
  private final PrintWriter err;
  private boolean said;

  UnprivilegedNote(SnapshotSource source, PrintWriter err) {
    this.source = source;
    this.err = err;
  }

  /** The reads of processes not owned by {@code uid} that were refused. */
  static long deniedReadsOfOthers(Snapshot snapshot, int uid) {
    Map<Integer, ProcessInfo> byPid = snapshot.processes().stream()
        .collect(Collectors.toMap(ProcessInfo::pid, Function.identity(), (a, b) -> a));
    return snapshot.unreadable().stream()
        .filter(f -> f.pid() != 0 && DENIED.equals(f.reason()))
        .filter(f -> {
          ProcessInfo p = byPid.get(f.pid());
          return p == null || !Objects.equals(p.uid(), uid);
        })
        .count();
  }

  /** The sentence, or empty when no read of another user's process failed. */
  static Optional<String> sentence(long denied) {
    if (denied == 0) {
      return Optional.empty();
    }
    return Optional.of("procsweep: note: " + denied + (denied == 1 ? " read" : " reads")
        + " of other users' processes failed; run as root to see their sockets, cwd and"
        + " environment (listener findings may be missing)");
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public Snapshot read(boolean withListeners) throws SnapshotException {
    return read(ReadPlan.all(withListeners));
  }

  @Override
  public Snapshot read(ReadPlan plan) throws SnapshotException {
    Snapshot snapshot = source.read(plan);
    // A read without the owners (a CPU sample's first, stat only) cannot tell whose reads failed.
    if (!said && plan.has(ReadPlan.Source.UID)) {
      said = true;
      long self = ProcessHandle.current().pid();
      snapshot.processes().stream().filter(p -> p.pid() == self).findFirst()
          .map(ProcessInfo::uid).filter(uid -> uid != 0)
          .flatMap(uid -> sentence(deniedReadsOfOthers(snapshot, uid)))
          .ifPresent(s -> {
            err.println(s);
            err.flush();
          });
    }
    return snapshot;
  }

  @Override
  public Snapshot complete(Snapshot snapshot, ReadPlan plan, Set<Integer> pids)
      throws SnapshotException {
    return source.complete(snapshot, plan, pids);
  }

  @Override
  public Optional<ProcessInfo> readProcess(int pid) throws SnapshotException {
    return source.readProcess(pid);
  }
}
