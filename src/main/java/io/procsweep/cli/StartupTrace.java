package io.procsweep.cli;

/**
 * With {@code -Dprocsweep.trace=startup}, one line on stderr per phase of a run, in ms since
 * {@code main} began: where a short run's time goes, for the benchmark's profile. The JVM's own
 * share before {@code main} is what {@code -Xlog:class+load} shows at Main's line. Off, each
 * mark is one comparison.
 */
final class StartupTrace {
  private static final boolean ON = "startup".equals(System.getProperty("procsweep.trace"));
  private static final long START = System.nanoTime();

  private StartupTrace() {}

  static void mark(String phase) {
    if (ON) {
      System.err.printf("procsweep trace: %7.1f ms  %s%n", (System.nanoTime() - START) / 1e6,
          phase);
    }
  }
}
