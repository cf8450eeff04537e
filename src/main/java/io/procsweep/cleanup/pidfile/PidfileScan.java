package io.procsweep.cleanup.pidfile;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the pid-file globs found.
 *
 * @param stale watched files to remove (dead or reused pid), sorted by path
 * @param protectedPids live pids named by protect globs' files: registered workers
 * @param problems everything reached but not usable, sorted by path: never deleted, to report
 * @param protectIncomplete true when an {@link PidfileProblem.Kind#UNREADABLE} problem came from a
 *     protect glob: a registered worker may be unknown, so forced cleanup must refuse (fail
 *     closed)
 */
public record PidfileScan(List<StalePidfile> stale, Set<Integer> protectedPids,
    List<PidfileProblem> problems, boolean protectIncomplete) {

  public PidfileScan {
    stale = List.copyOf(stale);
    protectedPids = Set.copyOf(new TreeSet<>(protectedPids));
    problems = List.copyOf(problems);
  }

  public static final PidfileScan EMPTY = new PidfileScan(List.of(), Set.of(), List.of(), false);
}
