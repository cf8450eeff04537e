package io.procsweep.cli;

import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.platform.Os;
import io.procsweep.rules.Rule;
import io.procsweep.rules.RuleLoadException;
import io.procsweep.rules.RuleSet;
import io.procsweep.rules.Suggestions;
import io.procsweep.scan.ScanResult;
import io.procsweep.scan.Scanner;
import io.procsweep.scan.Scope;
import io.procsweep.scan.SelfExclusion;
import io.procsweep.scan.Sleeper;
import io.procsweep.snapshot.Backend;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.SnapshotSource;
import io.procsweep.snapshot.SnapshotSources;
import io.procsweep.state.ScanState;
import io.procsweep.watch.ScanStep;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Everything a scan needs from the command line: rules, scope, backend and sample window. */
final class ScanSettings {
  /** The command this is mixed into (scan, or plan and clean through PlanSettings): its stderr. */
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  private boolean backendWarned;

  /** Set by a command's --quiet: notes (a port nobody holds) are left out; warnings stay. */
  boolean quiet;

  @Mixin RuleOptions ruleOptions = new RuleOptions();
  @Mixin ScopeOptions scopeOptions = new ScopeOptions();

  @Option(names = "--backend", paramLabel = "auto|proc|oshi", defaultValue = "auto",
      description = "Process table reader: proc (Linux /proc, the Linux default), oshi (any OS)."
          + " Default: ${DEFAULT-VALUE}.")
  Backend backend = Backend.AUTO;

  @Option(names = "--sample", paramLabel = "DURATION", defaultValue = "1s",
      converter = DurationConverter.class,
      description = "Read twice this far apart to measure cpu_percent; 0 reads once (cpu_percent"
          + " unknown). Default: ${DEFAULT-VALUE}.")
  Duration sample = Duration.ofSeconds(1);

  /**
   * Loads the rules and checks --rule/--category name something that exists; with --repo, also
   * reads the ports the rule files watch into the scope.
   */
  RuleSet loadRules(FactRegistry facts) throws RuleLoadException {
    RuleSet rules = ruleOptions.load(facts);
    if (scopeOptions.repo != null) {
      scopeOptions.watchedPorts = WatchedPorts.of(ruleOptions.inputs(ruleOptions.rulePaths));
    }
    Set<String> ids = rules.rules().stream().map(Rule::id).collect(Collectors.toSet());
    Set<String> categories = rules.rules().stream().map(Rule::category)
        .collect(Collectors.toCollection(TreeSet::new));
    for (String id : scopeOptions.rules) {
      if (!ids.contains(id)) {
        throw new UserException("--rule '" + id + "' names no loaded rule"
            + Suggestions.didYouMean(id, ids));
      }
    }
    for (String c : scopeOptions.categories) {
      if (!categories.contains(c)) {
        throw new UserException("--category '" + c + "' names no category of the loaded rules"
            + " (" + String.join(", ", categories) + ")");
      }
    }
    return rules;
  }

  ScanResult scan(RuleSet rules, FactRegistry facts)
      throws SnapshotException, InterruptedException {
    return scan(rules, facts, ScanState.EMPTY);
  }

  /** One scan continuing from {@code prior} (an earlier scan's {@link ScanResult#state()}). */
  ScanResult scan(RuleSet rules, FactRegistry facts, ScanState prior)
      throws SnapshotException, InterruptedException {
    return step(rules, facts, Sleeper.system(), () -> prior).scan();
  }

  /**
   * A scan that can run again and again ({@code watch}): scope, source and scanner are built
   * (and checked) once; {@code sleeper} paces the CPU sample; each scan continues from the state
   * {@code prior} gives at that moment (the previous scan's, carried by the caller).
   */
  ScanStep step(RuleSet rules, FactRegistry facts, Sleeper sleeper,
      Supplier<ScanState> prior) {
    Scope scope = scopeOptions.toScope();
    scopeOptions.checkUsers();
    PrintWriter err = spec.commandLine().getErr();
    warnAboutBackend(err);
    PrintWriter notes = quiet ? new PrintWriter(Writer.nullWriter()) : err;
    SnapshotSource source = new UnprivilegedNote(
        ScopeCheckedSource.wrap(SnapshotSources.create(backend), scope, notes), notes);
    Scanner scanner = new Scanner(source, rules,
        new FactDeriver(facts, new HashSet<>(rules.subreapers()), Os.current().label()),
        Clock.systemUTC(), sleeper);
    SelfExclusion self = SelfExclusion.currentProcess();
    return () -> scanner.scan(sample, scope, self, prior.get());
  }

  /**
   * OSHI reads no session, group or tty on Linux, and every orphan rule tests the session: a
   * scan through it would report "no orphans" whatever runs. Said once per run, on stderr.
   */
  private void warnAboutBackend(PrintWriter err) {
    if (backendWarned || backend.resolve() != Backend.OSHI || Os.current() != Os.LINUX) {
      return;
    }
    backendWarned = true;
    err.println("procsweep: warning: the oshi backend reads no session facts on Linux (sid,"
        + " pgid, tty), so no orphan rule can match; the proc backend (the default) reads them");
    err.flush();
  }

}
