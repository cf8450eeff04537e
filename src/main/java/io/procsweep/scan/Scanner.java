package io.procsweep.scan;

import io.procsweep.facts.CpuSample;
import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.ProcessFacts;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.rules.Rule;
import io.procsweep.rules.RuleSet;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.SnapshotSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** snapshot → facts → findings, in three steps. Knows neither the OS nor the output format. */
public final class Scanner {

  static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity, Comparator.reverseOrder())
          .thenComparing(Finding::rule)
          .thenComparingInt(f -> f.process().pid());

  /**
   * Which of a process's matched rules leads its finding: the highest severity, then the most
   * specific rule, which is the one whose {@code when} reads more distinct facts (it describes
   * the process more narrowly: on an orphan holding a dev port, {@code stale-listener-orphan}
   * with five facts leads {@code dev-port-held-by-orphan} with four), then the rule id, so the
   * choice never depends on file order.
   */
  static final Comparator<Candidate> PRECEDENCE =
      Comparator.comparing((Candidate c) -> c.rule().severity(), Comparator.reverseOrder())
          .thenComparing(Candidate::specificity, Comparator.reverseOrder())
          .thenComparing(c -> c.rule().id());

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
    List<Candidate> active = rules.rules().stream()
        .filter(r -> scope.ruleSelected(r.id(), r.category()))
        .map(Candidate::of)
        .sorted(PRECEDENCE)
        .collect(Collectors.toList());
    List<Finding> findings = new ArrayList<>();
    for (ProcessFacts f : facts) {
      Finding finding = toFinding(active, f);
      if (finding != null) {
        findings.add(finding);
      }
    }
    findings.sort(ORDER);

    Snapshot visible = new Snapshot(raw.takenAt(), raw.backend(), raw.host(),
        raw.processes().stream().filter(p -> !own.contains(p.pid())).collect(Collectors.toList()),
        raw.listeners().stream().filter(l -> l.pid() == null || !own.contains(l.pid()))
            .collect(Collectors.toList()),
        raw.unreadable().stream().filter(u -> !own.contains(u.pid())).collect(Collectors.toList()));
    long durationMs = (System.nanoTime() - t0) / 1_000_000;
    List<ActiveRule> evaluated = rules.rules().stream()
        .filter(r -> scope.ruleSelected(r.id(), r.category()))
        .map(ActiveRule::of)
        .collect(Collectors.toList());
    return new ScanResult(started, durationMs, cpu == null ? 0 : cpu.windowMs(), visible, findings,
        rules.sources(), evaluated);
  }

  /** The one finding for a process: every rule it matched, or null when none did. */
  static Finding toFinding(List<Candidate> byPrecedence, ProcessFacts f) {
    List<Match> matches = new ArrayList<>();
    Map<String, Object> evidence = new TreeMap<>();
    for (Candidate c : byPrecedence) {
      Rule r = c.rule();
      if (r.matches(f)) {
        String message =
            r.description() == null || r.description().isBlank() ? r.id() : r.description();
        matches.add(new Match(r.id(), r.category(), r.severity(), message, r.cleanup()));
        // TreeMap keeps the union sorted by name; a null value (unknown fact) is kept as such.
        evidence.putAll(r.evidence(f));
      }
    }
    if (matches.isEmpty()) {
      return null;
    }
    Object age = f.get("age_seconds");
    return new Finding(f.process(), age instanceof Long ? (Long) age : 0L, matches, evidence,
        ProcessContext.of(f));
  }

  /** A rule with how specific it is: the number of distinct facts its {@code when} reads. */
  record Candidate(Rule rule, int specificity) {
    static Candidate of(Rule r) {
      Set<String> names = new HashSet<>();
      r.when().collectFacts(names);
      return new Candidate(r, names.size());
    }
  }
}
