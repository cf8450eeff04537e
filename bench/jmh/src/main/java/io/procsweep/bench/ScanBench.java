package io.procsweep.bench;

import io.procsweep.facts.ProcessFacts;
import io.procsweep.scan.Scanner;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotSource;
import java.time.Clock;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Fact derivation and rule evaluation over the real table, with no /proc read: {@code derive}
 * computes every registered fact of every process (what explain shows); {@code scan} is
 * Scanner's judging of every process with the shipped rules, which computes only the facts the
 * rules ask for (facts are lazy), so scan below derive is what laziness saves.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class ScanBench {

  @Benchmark
  public Object derive(TableState t) {
    int n = 0;
    for (ProcessFacts f : t.deriver.derive(t.snapshot, null)) {
      n += f.values().entrySet().size(); // iterating computes every fact
    }
    return n;
  }

  @Benchmark
  public Object scan(TableState t) throws Exception {
    Snapshot fixed = t.snapshot;
    SnapshotSource source = new SnapshotSource() {
      @Override
      public String name() {
        return "fixed";
      }

      @Override
      public Snapshot read(boolean withListeners) {
        return fixed;
      }
    };
    return new Scanner(source, t.rules, t.deriver, Clock.systemUTC(), d -> { })
        .scan(Duration.ZERO, io.procsweep.scan.Scope.ALL, null);
  }
}
