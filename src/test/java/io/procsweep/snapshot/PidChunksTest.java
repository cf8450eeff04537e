package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunks cover every item once, in order; a small table never leaves the calling thread. */
class PidChunksTest {

  private static List<Integer> covered(List<int[]> ranges) {
    List<Integer> out = new ArrayList<>();
    for (int[] r : ranges) {
      for (int i = r[0]; i < r[1]; i++) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Integer> upTo(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  @Test
  void aSmallTableIsReadOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    int count = PidChunks.PARALLEL_FROM - 1;
    List<Thread> threads = new ArrayList<>();
    List<int[]> ranges = PidChunks.map(count, (from, to) -> {
      synchronized (threads) {
        threads.add(Thread.currentThread());
      }
      // Long enough that a pool, were one used, would hand chunks to its other threads.
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new int[] {from, to};
    });
    assertEquals(upTo(count), covered(ranges));
    assertEquals(List.of(caller), threads.stream().distinct().toList());
  }

  @Test
  void aLargeTableIsCoveredOnceInOrder() {
    int count = PidChunks.PARALLEL_FROM * 3 + 5;
    assertEquals(upTo(count), covered(PidChunks.map(count, (from, to) -> new int[] {from, to})));
    assertEquals(List.of(), PidChunks.map(0, (from, to) -> new int[] {from, to}));
  }
}
