package io.procsweep.cleanup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Watched and protected pid files (DESIGN §5 {@code pidfiles}, {@code protect.pidfiles}). A pid
 * file is live when its pid exists and started before the file was last written; otherwise it
 * is stale: the pid is gone, was reused by a later process, or the file does not hold one.
 */
public final class PidFiles {
  private final Path base;
  private final ProcessLookup lookup;

  /**
   * @param base what relative globs are relative to (the CLI passes the current directory)
   * @param lookup fresh process reads ({@code ProcessControl::identity}, or {@link
   *     ProcessLookup#jdk()})
   */
  public PidFiles(Path base, ProcessLookup lookup) {
    this.base = base.toAbsolutePath();
    this.lookup = lookup;
  }

  /** Every file the globs match, sorted. */
  public List<Path> expand(List<String> globs) {
    return PidfileGlobs.expand(base, globs);
  }

  /** The state of one pid file right now. */
  public PidfileState state(Path file) {
    return PidfileCheck.check(file, lookup).state();
  }

  /** The stale files among those the globs match ({@code RuleSet.pidfiles()}), sorted by path. */
  public List<StalePidfile> stale(List<String> globs) {
    List<StalePidfile> out = new ArrayList<>();
    for (Path file : expand(globs)) {
      PidfileCheck.Result r = PidfileCheck.check(file, lookup);
      if (r.state().stale()) {
        out.add(r.stale());
      }
    }
    return out;
  }

  /**
   * The pids of registered workers: the live pids named by the files the globs match ({@code
   * Protection.pidfiles()}). A stale protected file protects nothing: its pid is gone or belongs
   * to someone else now.
   */
  public Set<Integer> protectedPids(List<String> globs) {
    Set<Integer> out = new TreeSet<>();
    for (Path file : expand(globs)) {
      PidfileCheck.Result r = PidfileCheck.check(file, lookup);
      if (r.state() == PidfileState.LIVE) {
        out.add(r.pid());
      }
    }
    return out;
  }
}
