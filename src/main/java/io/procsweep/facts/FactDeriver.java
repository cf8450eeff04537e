package io.procsweep.facts;

import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadPlan;
import io.procsweep.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The registered facts of every process of a snapshot, each computed once, when first asked
 * for ({@link LazyFacts}).
 */
public final class FactDeriver {
  private final FactRegistry registry;
  private final Set<String> subreapers;
  private final String platform;
  private final Map<String, FactDef> defs;

  public FactDeriver(FactRegistry registry, Set<String> subreapers, String platform) {
    this.registry = registry;
    this.subreapers = Set.copyOf(subreapers);
    this.platform = platform;
    this.defs = LazyFacts.byName(registry.all());
  }

  /**
   * Facts for every process in {@code snapshot}.
   *
   * @param sample an earlier read for CPU rates, or null
   */
  public List<ProcessFacts> derive(Snapshot snapshot, CpuSample sample) {
    return derive(new SnapshotIndex(snapshot), sample, p -> true);
  }

  /** Facts for the processes {@code include} accepts; the rest still inform parents, sessions. */
  public List<ProcessFacts> derive(SnapshotIndex index, CpuSample sample,
      Predicate<ProcessInfo> include) {
    return derive(index, sample, History.of(sample, index.snapshot()), include);
  }

  /**
   * The same with the time-based facts from {@code history} (a sample and saved state: {@link
   * History#of(io.procsweep.state.ScanState, CpuSample, Snapshot, double)}).
   */
  public List<ProcessFacts> derive(SnapshotIndex index, CpuSample sample, History history,
      Predicate<ProcessInfo> include) {
    return derive(index, sample, history, include, ReadPlan.ALL);
  }

  /**
   * The same for a snapshot read with {@code plan}: the facts whose sources it skipped are
   * marked unread ({@link ProcessFacts#isRead}) rather than unknown.
   */
  public List<ProcessFacts> derive(SnapshotIndex index, CpuSample sample, History history,
      Predicate<ProcessInfo> include, ReadPlan plan) {
    Set<String> unread = plan.complete() ? Set.of() : Set.copyOf(registry.unread(plan));
    List<FactDef> unreadWhere = plan.complete() ? List.of() : registry.unreadWhere(plan);
    Snapshot snapshot = index.snapshot();
    List<ProcessFacts> out = new ArrayList<>(snapshot.processes().size());
    for (ProcessInfo p : snapshot.processes()) {
      if (include.test(p)) {
        FactContext context = new FactContext(p, index, snapshot.takenAt(), sample, subreapers,
            platform, history);
        out.add(derive(context, unreadFor(context, unread, unreadWhere)));
      }
    }
    return out;
  }

  /** {@code unread}, and the facts of {@code unreadWhere} that this process needs more for. */
  private static Set<String> unreadFor(FactContext context, Set<String> unread,
      List<FactDef> unreadWhere) {
    Set<String> out = unread;
    for (FactDef def : unreadWhere) {
      if (def.where().test(context)) {
        if (out == unread) {
          out = new HashSet<>(unread);
        }
        out.add(def.name());
      }
    }
    return out;
  }

  /**
   * Facts for {@code process} in the snapshot of {@code index}, which may hold an earlier read
   * of it (a finding's process completed after the rules ran).
   */
  public ProcessFacts derive(ProcessInfo process, SnapshotIndex index, CpuSample sample,
      History history) {
    return derive(new FactContext(process, index, index.snapshot().takenAt(), sample, subreapers,
        platform, history), Set.of());
  }

  /** What a read must take for {@code facts} to be computed ({@link FactRegistry#reads}). */
  public ReadPlan reads(Collection<String> facts) {
    return registry.reads(facts);
  }

  private ProcessFacts derive(FactContext context, Set<String> unread) {
    return new ProcessFacts(context.process(), new LazyFacts(defs, context, unread), unread);
  }
}
