package io.procsweep.scan;

import io.procsweep.facts.CpuSample;
import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.facts.History;
import io.procsweep.facts.ProcessFacts;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.rules.Decision;
import io.procsweep.rules.Rule;
import io.procsweep.rules.RuleSet;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadPlan;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.SnapshotSource;
import io.procsweep.state.FindingKey;
import io.procsweep.state.ProcessRecord;
import io.procsweep.state.ScanState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
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

  /**
   * What every scan reads besides its rules' facts: the owner and the command line, which the
   * cleanup policy checks on every process it plans for (protected users and command lines,
   * safe mode's own-processes-only), and the listeners, which every finding's context shows
   * (the ports held in its tree, by whom). The rest of what a report shows of a finding's
   * process (exe, cwd, container, CI job) is read for those processes alone once the rules have
   * run ({@link SnapshotSource#complete}).
   */
  public static final ReadPlan ALWAYS =
      ReadPlan.of(ReadPlan.Source.UID, ReadPlan.Source.CMDLINE, ReadPlan.Source.LISTENERS);

  /**
   * Sources only some rules need, and only for a few processes: with the shipped rules,
   * {@code daemon_like} (cgroup, stdio, cwd) is asked by the orphan rules alone, after
   * {@code reparented} and the session, which rule out nearly every process; {@code
   * reparented} asks NSpid (status) only of a subreaper's child. A scan reads them once the
   * rest is judged ({@link Rule#decide}), for the processes still undecided: together they cost
   * about as much per process as stat itself, and status alone more than stat.
   */
  static final Set<ReadPlan.Source> DEFERRED = EnumSet.of(ReadPlan.Source.CGROUP,
      ReadPlan.Source.CWD, ReadPlan.Source.STDIO, ReadPlan.Source.EXE, ReadPlan.Source.ENVIRON,
      ReadPlan.Source.PID_NAMESPACE, ReadPlan.Source.NSPIDS);

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
   * Scans once, with no history: {@code scan(sample, scope, self, ScanState.EMPTY)}.
   *
   * @param sample CPU sample window; zero takes a single read and leaves cpu_percent unknown
   * @param scope which processes and rules to look at
   * @param self what to leave out as procsweep's own
   */
  public ScanResult scan(Duration sample, Scope scope, SelfExclusion self)
      throws SnapshotException, InterruptedException {
    return scan(sample, scope, self, ScanState.EMPTY);
  }

  /**
   * Scans once, continuing from an earlier scan's state: findings keep their first-seen time,
   * and {@code cpu_percent} (with a zero sample), {@code high_cpu_seconds} and {@code
   * state_seconds} reach back to the earlier reads ({@link History}). The result's {@link
   * ScanResult#state()} is what to hand the next scan: {@code scan --state} saves it to a file
   * between runs; a loop ({@code watch}) just passes it to its next iteration:
   *
   * <pre>{@code
   * ScanState state = ScanState.EMPTY;
   * while (running) {
   *   ScanResult r = scanner.scan(sample, scope, self, state);
   *   state = r.state();
   * }
   * }</pre>
   *
   * @param sample CPU sample window; zero takes a single read, and cpu_percent is then measured
   *     since the prior state's read of each process (unknown for a process it did not see)
   * @param scope which processes and rules to look at
   * @param self what to leave out as procsweep's own
   * @param prior the earlier scan's {@link ScanResult#state()}, or {@link ScanState#EMPTY}
   */
  public ScanResult scan(Duration sample, Scope scope, SelfExclusion self, ScanState prior)
      throws SnapshotException, InterruptedException {
    return examine(sample, scope, self, prior, firstReadPlan(scope)).result();
  }

  /**
   * Scans as {@link #scan(Duration, Scope, SelfExclusion, ScanState)} does, and also hands back
   * the facts it derived for every process in scope, matched or not: what {@code procsweep
   * explain} shows. A null {@code self} leaves nothing out.
   */
  public Examination examine(Duration sample, Scope scope, SelfExclusion self, ScanState prior)
      throws SnapshotException, InterruptedException {
    return examine(sample, scope, self, prior, ReadPlan.ALL);
  }

  /**
   * What a scan reads of every process first: {@link #readPlan} without {@link #DEFERRED}
   * (unless the scope tests it). The deferred sources are read afterwards for the processes
   * whose selected rules still depend on them, and for every finding's process.
   */
  public ReadPlan firstReadPlan(Scope scope) {
    Set<ReadPlan.Source> first = EnumSet.noneOf(ReadPlan.Source.class);
    first.addAll(readPlan(scope).sources());
    first.removeAll(DEFERRED);
    first.addAll(scope.reads().sources());
    return new ReadPlan(first);
  }

  /**
   * What a scan may need of a process: what its selected rules' facts need ({@link
   * FactRegistry#reads}), what the scope tests ({@link Scope#reads}) and {@link #ALWAYS}. Of
   * every process it reads {@link #firstReadPlan}; the rest only where a rule depends on it.
   */
  public ReadPlan readPlan(Scope scope) {
    Set<String> facts = new HashSet<>();
    for (Rule r : rules.rules()) {
      if (scope.ruleSelected(r.id(), r.category())) {
        r.when().collectFacts(facts);
        r.unless().forEach(u -> u.collectFacts(facts));
      }
    }
    return ALWAYS.with(deriver.reads(facts)).with(scope.reads());
  }

  private Examination examine(Duration sample, Scope scope, SelfExclusion self, ScanState prior,
      ReadPlan plan) throws SnapshotException, InterruptedException {
    Instant started = clock.instant();
    long t0 = System.nanoTime();

    // 1. snapshot (two reads when sampling CPU). The first is for CPU times only, so it reads
    //    stat alone. The window is the distance between the two process walks, whatever else
    //    each read does.
    if (!sample.isZero()) {
      Snapshot first = source.read(ReadPlan.STAT_ONLY);
      sleeper.sleep(sample);
      Snapshot last = source.read(plan);
      return finish(started, t0, last, CpuSample.between(first, last), scope, self, prior, plan);
    }
    return finish(started, t0, source.read(plan), null, scope, self, prior, plan);
  }

  private Examination finish(Instant started, long t0, Snapshot read, CpuSample cpu,
      Scope scope, SelfExclusion self, ScanState prior, ReadPlan plan)
      throws SnapshotException {
    SnapshotIndex readIndex = new SnapshotIndex(read);
    Set<Integer> own = self == null ? Set.of() : self.excludedPids(readIndex);
    Scope.ProcessFilter inScope = scope.processFilter(readIndex);
    ScanState before = prior == null ? ScanState.EMPTY : prior;
    History history = History.of(before, cpu, read, FactRegistry.HIGH_CPU_PERCENT);

    // 2. facts, for the processes in scope only; the index still sees every process so parents,
    //    sessions and socket holders outside the scope are known
    List<ProcessFacts> facts = deriver.derive(readIndex, cpu, history,
        p -> !own.contains(p.pid()) && !p.kernelThread() && inScope.test(p), plan);
    List<Candidate> active = rules.rules().stream()
        .filter(r -> scope.ruleSelected(r.id(), r.category()))
        .map(Candidate::of)
        .sorted(PRECEDENCE)
        .collect(Collectors.toList());

    // 3. the rest of each process that matches a rule, or whose rules depend on what the first
    //    read skipped: read for those alone, their facts derived again from the whole
    Snapshot raw = read;
    Set<Integer> pending = undecided(active, facts);
    if (!pending.isEmpty() && !plan.missing().sources().isEmpty()) {
      raw = source.complete(read, plan, pending);
      facts = rederived(facts, pending, new SnapshotIndex(raw), cpu, history);
    }

    // 4. findings
    List<Finding> findings = new ArrayList<>();
    for (ProcessFacts f : facts) {
      if (!pending.contains(f.process().pid())) {
        continue; // every rule already failed on it (undecided)
      }
      Finding finding = toFinding(active, f);
      if (finding != null) {
        Instant seen = before.firstSeen(finding.rule(), finding.process().key());
        findings.add(finding.withFirstSeen(seen != null ? seen : started));
      }
    }
    findings.sort(ORDER);

    Snapshot visible = new Snapshot(raw.takenAt(), raw.backend(), raw.host(),
        raw.processes().stream().filter(p -> !own.contains(p.pid())).collect(Collectors.toList()),
        raw.listeners().stream().filter(l -> l.pid() == null || !own.contains(l.pid()))
            .collect(Collectors.toList()),
        raw.unreadable().stream().filter(u -> !own.contains(u.pid())).collect(Collectors.toList()),
        raw.processesRead());
    long durationMs = (System.nanoTime() - t0) / 1_000_000;
    List<ActiveRule> evaluated = rules.rules().stream()
        .filter(r -> scope.ruleSelected(r.id(), r.category()))
        .map(ActiveRule::of)
        .collect(Collectors.toList());
    ScanState next = nextState(before, history, facts, active, findings);
    return new Examination(new ScanResult(started, durationMs, cpu == null ? 0 : cpu.windowMs(),
        visible, findings, rules.sources(), evaluated, next), facts);
  }

  /**
   * The processes some selected rule matches, or may match once what the read skipped is read
   * ({@link Decision#NEEDS_READ}). A rule decided on the first read keeps its outcome whatever
   * the rest turns out to be; reading it for the matches is for the report, which shows a
   * finding's process in full.
   */
  private static Set<Integer> undecided(List<Candidate> active, List<ProcessFacts> facts) {
    Set<Integer> out = new HashSet<>();
    for (ProcessFacts f : facts) {
      for (Candidate c : active) {
        if (c.rule().decide(f) != Decision.FAILS) {
          out.add(f.process().pid());
          break;
        }
      }
    }
    return out;
  }

  /** {@code facts} with those of {@code pids} derived again from the completed snapshot. */
  private List<ProcessFacts> rederived(List<ProcessFacts> facts, Set<Integer> pids,
      SnapshotIndex completed, CpuSample cpu, History history) {
    List<ProcessFacts> out = new ArrayList<>(facts.size());
    for (ProcessFacts f : facts) {
      ProcessInfo p = pids.contains(f.process().pid()) ? completed.get(f.process().pid()) : null;
      out.add(p == null ? f : deriver.derive(p, completed, cpu, history));
    }
    return out;
  }

  /**
   * What this scan hands the next: every present process's record, and the first-seen time of
   * every finding. An earlier first-seen time this scan could not judge (its process out of
   * scope, or its rule not selected) is kept while the process lives; one it judged and did
   * not find again is dropped, as is everything about processes that are gone.
   */
  private static ScanState nextState(ScanState prior, History history, List<ProcessFacts> facts,
      List<Candidate> active, List<Finding> findings) {
    Map<ProcessKey, ProcessRecord> records = history.nextRecords();
    Set<ProcessKey> judged = new HashSet<>();
    facts.forEach(f -> judged.add(f.process().key()));
    Set<String> selected = new HashSet<>();
    active.forEach(c -> selected.add(c.rule().id()));
    Map<FindingKey, Instant> seen = new HashMap<>();
    prior.firstSeen().forEach((k, at) -> {
      if (records.containsKey(k.process())
          && (!judged.contains(k.process()) || !selected.contains(k.rule()))) {
        seen.put(k, at);
      }
    });
    for (Finding f : findings) {
      seen.put(f.key(), f.firstSeen());
    }
    return new ScanState(seen, records);
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
