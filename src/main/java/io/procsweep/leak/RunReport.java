package io.procsweep.leak;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code procsweep run} reports ({@value #SCHEMA}): the run, every leak of every round,
 * and, when {@code --kill-leaked} was given, what cleanup did to each.
 *
 * @param leaks every leaked process, round 1 first (later rounds: found while ending earlier ones)
 * @param killRequested {@code --kill-leaked} was given
 * @param cleanup per leaked pid, the cleanup status ({@code terminated}, {@code survived},
 *     {@code skipped}, ...); empty when nothing was ended
 * @param cleanupExit the cleanup outcome's exit code (0 complete, 4 incomplete, 130
 *     interrupted); empty when nothing was ended
 */
public record RunReport(LeakGuard.Result run, List<Leak> leaks, boolean killRequested,
    Map<Integer, String> cleanup, Optional<Integer> cleanupExit) {
  public static final String SCHEMA = "procsweep/run/v1";

  public RunReport {
    leaks = List.copyOf(leaks);
    cleanup = Map.copyOf(cleanup);
  }
}
