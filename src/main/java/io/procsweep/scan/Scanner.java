package io.procsweep.scan;

import io.procsweep.facts.CpuSample;
import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.ProcessFacts;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.rules.Rule;
import io.procsweep.rules.RuleSet;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.SnapshotSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** snapshot → facts → findings, in three steps. Knows neither the OS nor the output format. */
public final class Scanner {

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity, Comparator.reverseOrder())
          .thenComparing(Finding::rule)
          .thenComparingInt(f -> f.process().pid());

  private final SnapshotSource source;
  private final RuleSet rules;
  private final FactDeriver deriver;
  private final Clock clock;
  private final Sleeper sleeper;

  public Scanner(SnapshotSource source, RuleSet rules, FactDeriver deriver, Clock clock,
      Sleeper sleeper) {
    this.source = source;
    this.rules = rules;
    this.deriver = deriver;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Scans once.
   *
   * @param sample CPU sample window; zero takes a single read and leaves cpu_percent unknown
   * @param scope which processes and rules to look at
   * @param self what to leave out as procsweep's own
   */
  public ScanResult scan(Duration sample, Scope scope, SelfExclusion self)
      throws SnapshotException, InterruptedException {
    Instant started = clock.instant();
    long t0 = System.nanoTime();

    // 1. snapshot (two reads when sampling CPU; listeners only on the last one)
    CpuSample cpu = null;
    if (!sample.isZero()) {
      Snapshot first = source.read(false);
      long firstAt = System.nanoTime();
      sleeper.sleep(sample);
      Snapshot last = source.read(true);
      cpu = new CpuSample(first, (System.nanoTime() - firstAt) / 1_000_000);
      return finish(started, t0, sample, last, cpu, scope, self);
    }
    return finish(started, t0, sample, source.read(true), null, scope, self);
  }

  private ScanResult finish(Instant started, long t0, Duration sample, Snapshot raw,
      CpuSample cpu, Scope scope, SelfExclusion self) {
    SnapshotIndex rawIndex = new SnapshotIndex(raw);
    Set<Integer> own = self == null ? Set.of() : self.excludedPids(rawIndex);
    Scope.ProcessFilter inScope = scope.processFilter(rawIndex);

    // 2. facts, for the processes in scope only; the index still sees every process so parents,
    //    sessions and socket holders outside the scope are known
    List<ProcessFacts> facts = deriver.derive(rawIndex, cpu,
        p -> !own.contains(p.pid()) && !p.kernelThread() && inScope.test(p));

    // 3. findings
    List<Rule> active = rules.rules().stream()
        .filter(r -> scope.ruleSelected(r.id(), r.category()))
        .collect(Collectors.toList());
    List<Finding> findings = new ArrayList<>();
    for (ProcessFacts f : facts) {
      for (Rule r : active) {
        if (r.matches(f)) {
          findings.add(toFinding(r, f));
        }
      }
    }
    findings.sort(ORDER);

    Snapshot visible = new Snapshot(raw.takenAt(), raw.backend(), raw.host(),
        raw.processes().stream().filter(p -> !own.contains(p.pid())).collect(Collectors.toList()),
        raw.listeners().stream().filter(l -> l.pid() == null || !own.contains(l.pid()))
            .collect(Collectors.toList()),
        raw.unreadable().stream().filter(u -> !own.contains(u.pid())).collect(Collectors.toList()));
    long durationMs = (System.nanoTime() - t0) / 1_000_000;
    return new ScanResult(started, durationMs, cpu == null ? 0 : cpu.windowMs(), visible, findings,
        rules.sources());
  }

  private static Finding toFinding(Rule r, ProcessFacts f) {
    ProcessInfo p = f.process();
    Object age = f.get("age_seconds");
    String message =
        r.description() == null || r.description().isBlank() ? r.id() : r.description();
    return new Finding(r.id(), r.category(), r.severity(), message, p,
        age instanceof Long ? (Long) age : 0L, r.evidence(f), r.cleanup());
  }
}
