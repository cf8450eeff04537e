package io.procsweep.cli;

import java.io.IOException;

/**
 * A JVM with default flags that stays up until its standard input closes. Started as pid 1 of a
 * pid namespace, it holds {@code /tmp/hsperfdata_<user>/1}, the perf-data file every other JVM
 * that is pid 1 of its own namespace and shares /tmp would want too.
 */
public final class PerfDataHolder {
  private PerfDataHolder() {}

  public static void main(String[] args) throws IOException {
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for EOF
    }
  }
}
