package io.procsweep.bench;

import io.procsweep.procfs.ProcStat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Parsing every process's {@code /proc/PID/stat}, read once into memory: the CPU side only. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class ProcStatBench {
  private final List<byte[]> stats = new ArrayList<>();

  @Setup
  public void read() throws IOException {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path d : dirs) {
        try {
          stats.add(Files.readAllBytes(d.resolve("stat")));
        } catch (IOException gone) {
          // ended since the listing
        }
      }
    }
    TableState.count("stat", stats.size());
  }

  /** One operation parses the whole table. */
  @Benchmark
  public void parseAll(Blackhole bh) {
    for (byte[] b : stats) {
      bh.consume(ProcStat.parse(b, b.length));
    }
  }
}
