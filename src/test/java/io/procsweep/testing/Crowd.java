package io.procsweep.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dozen sleeping children of the test, so comparisons with ps, ss or the other backend have
 * processes to compare even where the machine (a fresh pid namespace, a bare CI container)
 * runs almost nothing else. Closing kills and reaps every one of them.
 */
public final class Crowd implements AutoCloseable {
  public static final int SIZE = 12;
  private final List<Process> members = new ArrayList<>();

  private Crowd() {}

  public static Crowd start() throws IOException {
    Crowd crowd = new Crowd();
    try {
      for (int i = 0; i < SIZE; i++) {
        crowd.members.add(new ProcessBuilder("sleep", "300").redirectErrorStream(true).start());
      }
    } catch (IOException | RuntimeException e) {
      crowd.close();
      throw e;
    }
    return crowd;
  }

  public List<Integer> pids() {
    return members.stream().map(p -> (int) p.pid()).toList();
  }

  @Override
  public void close() {
    for (Process p : members) {
      p.destroyForcibly();
    }
    for (Process p : members) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
