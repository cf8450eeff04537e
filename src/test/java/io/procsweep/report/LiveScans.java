package io.procsweep.report;

import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.Scanner;
import io.procsweep.scan.Scope;
import io.procsweep.scan.SelfExclusion;
import io.procsweep.snapshot.Backend;
import io.procsweep.snapshot.SnapshotSources;
import io.procsweep.testing.TestRules;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** A real scan in this JVM with the shipped rules, scoped to pids a test made. */
final class LiveScans {
  private LiveScans() {}

  static Report scan(int... pids) throws Exception {
    RuleSet rules = TestRules.shippedPlus();
    Scanner scanner = new Scanner(SnapshotSources.create(Backend.AUTO), rules,
        new FactDeriver(FactRegistry.standard(), new HashSet<>(rules.subreapers()), "linux"),
        Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    Set<Integer> scope = new HashSet<>();
    for (int p : pids) {
      scope.add(p);
    }
    // The fixtures are this JVM's descendants: leave out only the JVM and its ancestors.
    return new Report("0.0.0-test", scanner.scan(Duration.ZERO,
        new Scope(scope, Set.of(), null, Set.of(), Set.of(), Set.of()),
        new SelfExclusion(ProcessHandle.current().pid(), false)), null, false);
  }
}
