package io.procsweep.bench;

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
 * computes every registered fact of every process; {@code scan} is Scanner's whole step 2 and 3
 * (facts of the processes in scope, then every shipped rule), so scan minus derive is the rules.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class ScanBench {

  @Benchmark
  public Object derive(TableState t) {
    return t.deriver.derive(t.snapshot, null);
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
