package io.procsweep.cli;

import io.procsweep.facts.SnapshotIndex;
import io.procsweep.scan.Scope;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadPlan;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.SnapshotSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Holds the scope against each snapshot as it is read, before anything is classified: a
 * {@code --descendants-of} pid no process has is a usage error (exit 2), and a {@code --port}
 * no one visibly holds is a note on stderr (once). It checks the whole snapshot, procsweep's
 * own ancestors included, so {@code --descendants-of $$} names the shell that is running it.
 */
final class ScopeCheckedSource implements SnapshotSource {
  private final SnapshotSource source;
  private final Scope scope;
  private final PrintWriter err;
  private boolean noted;

  ScopeCheckedSource(SnapshotSource source, Scope scope, PrintWriter err) {
    this.source = source;
    this.scope = scope;
    this.err = err;
  }

  /** {@code source} itself when the scope names nothing that could be missing. */
  static SnapshotSource wrap(SnapshotSource source, Scope scope, PrintWriter err) {
    return scope.descendantsOf().isEmpty() && scope.ports().isEmpty() ? source
        : new ScopeCheckedSource(source, scope, err);
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
    boolean withListeners = plan.listeners();
    Snapshot snapshot = source.read(plan);
    SnapshotIndex index = new SnapshotIndex(snapshot);
    List<String> unresolved = scope.unresolved(index);
    if (!unresolved.isEmpty()) {
      throw new UserException(unresolved.get(0));
    }
    if (withListeners && !noted) {
      noted = true;
      for (String note : scope.portNotes(index)) {
        err.println("procsweep: " + note);
      }
      err.flush();
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
