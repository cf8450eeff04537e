package io.procsweep.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs a /proc read over a large process table on every core. Reading /proc is kernel time
 * spent per process (measured at 5,000 processes: ~50 µs each for stat, status, cmdline, exe
 * and cgroup), and the kernel serves reads of different processes in parallel, so a table of
 * thousands is read in about half the time on two cores. A small table is read on the calling
 * thread, in a plain loop: below a few hundred processes, handing out work costs more than it
 * saves. Measured on a 2-vCPU VM: the first parallel stream of a JVM costs ~2.5 ms more than a
 * sequential one (the common pool's start), and a sequential stream's first use ~7 ms of class
 * loading; halving a read of ~25-35 µs per process pays the pool back from ~150-200 processes
 * in a fresh JVM (~20-30 once the pool runs). The threshold leaves a margin above that.
 */
final class PidChunks {
  /** From this many items on, chunks run in parallel. */
  static final int PARALLEL_FROM = 512;
  /** Items per chunk: enough to amortise a task, small enough to balance uneven processes. */
  static final int CHUNK = 128;

  /** One chunk's work over the items {@code [from, to)}; must not share mutable state. */
  @FunctionalInterface
  interface Task<R> {
    R run(int from, int to);
  }

  private PidChunks() {}

  /** The results of {@code task} over consecutive chunks of {@code count} items, in order. */
  static <R> List<R> map(int count, Task<R> task) {
    int chunks = (count + CHUNK - 1) / CHUNK;
    if (count < PARALLEL_FROM || Runtime.getRuntime().availableProcessors() < 2) {
      List<R> out = new ArrayList<>(chunks);
      for (int c = 0; c < chunks; c++) {
        out.add(task.run(c * CHUNK, Math.min(count, (c + 1) * CHUNK)));
      }
      return out;
    }
    return IntStream.range(0, chunks).parallel()
        .mapToObj(c -> task.run(c * CHUNK, Math.min(count, (c + 1) * CHUNK))).toList();
  }
}
