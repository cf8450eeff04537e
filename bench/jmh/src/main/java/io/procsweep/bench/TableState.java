package io.procsweep.bench;

import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.platform.Os;
import io.procsweep.rules.RuleInputs;
import io.procsweep.rules.RuleLoader;
import io.procsweep.rules.RuleSet;
import io.procsweep.snapshot.ProcSnapshotSource;
import io.procsweep.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The machine's real process table, read once per fork (bench/run starts its crowd first, so
 * that is about 5,000 processes), with the shipped rules loaded: what the benchmarks work on.
 * The number of processes goes to the file named by {@code -Dprocsweep.bench.counts}, so
 * bench/run can report nanoseconds per process.
 */
@State(Scope.Benchmark)
public class TableState {
  Snapshot snapshot;
  RuleSet rules;
  FactRegistry facts;
  FactDeriver deriver;

  @Setup(Level.Trial)
  public void read() throws Exception {
    snapshot = new ProcSnapshotSource().read(true);
    facts = FactRegistry.standard();
    rules = new RuleLoader(facts).load(List.of(RuleInputs.builtin("rules/default.yaml"),
        RuleInputs.builtin("rules/dev-servers.yaml")));
    deriver = new FactDeriver(facts, new HashSet<>(rules.subreapers()), Os.current().label());
    count("table", snapshot.processes().size());
  }

  static void count(String what, int n) throws IOException {
    String file = System.getProperty("procsweep.bench.counts");
    if (file != null) {
      Files.writeString(Path.of(file), what + " " + n + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }
}
