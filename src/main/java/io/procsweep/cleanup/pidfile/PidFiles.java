package io.procsweep.cleanup.pidfile;

import io.procsweep.platform.fs.DirHandle;
import io.procsweep.platform.fs.FileId;
import io.procsweep.rules.PidfileGlob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Watched and protected pid files (DESIGN §5 {@code pidfiles}, {@code protect.pidfiles}). A pid
 * file is live when its pid exists and started before the file was last written; stale when
 * the pid is gone or was reused by a later process. A file that holds no pid is reported, never
 * stale; a file or directory that cannot be read is reported, and under a protect glob makes
 * {@link PidfileScan#protectIncomplete()} true.
 *
 * <p>Every file is read through its directory's handle (see {@link PidfileGlobs}), and the
 * stale ones carry the dev+inode of file and directory so {@link PidfileRemover} deletes
 * exactly what was planned or nothing.
 */
public final class PidFiles {
  private final ProcessLookup lookup;

  /**
   * @param lookup fresh process reads ({@code ProcessControl::identity}, or {@link
   *     ProcessLookup#jdk()})
   */
  public PidFiles(ProcessLookup lookup) {
    this.lookup = lookup;
  }

  /**
   * Walks both kinds of globs once each.
   *
   * @param watched {@code RuleSet.pidfiles()}: stale files found here are to be removed
   * @param protect {@code Protection.pidfiles()}: live pids found here are registered workers
   */
  public PidfileScan scan(List<PidfileGlob> watched, List<PidfileGlob> protect) {
    Map<Path, PidfileProblem> problems = new TreeMap<>();
    Map<Path, StalePidfile> stale = new TreeMap<>();
    Set<Integer> live = new TreeSet<>();
    boolean[] incomplete = {false};
    for (PidfileGlob g : protect) {
      PidfileGlobs.walk(g, new Collector(true, problems, incomplete) {
        @Override
        void named(PidfileCheck.Named n) {
          if (n.state() == PidfileState.LIVE) {
            live.add(n.pid());
          }
        }
      });
    }
    for (PidfileGlob g : watched) {
      PidfileGlobs.walk(g, new Collector(false, problems, incomplete) {
        @Override
        void named(PidfileCheck.Named n) {
          if (n.state().stale()) {
            stale.put(n.path(), n.stale());
          }
        }
      });
    }
    return new PidfileScan(new ArrayList<>(stale.values()), live,
        new ArrayList<>(problems.values()), incomplete[0]);
  }

  /**
   * The state of one pid file right now; null when it is not usable as a pid file (missing,
   * unreadable, a symlink or FIFO, no pid in it).
   */
  public PidfileState state(Path file) {
    Path abs = file.toAbsolutePath();
    try (DirHandle dir = DirHandle.open(abs.getParent())) {
      PidfileCheck.Result r = PidfileCheck.check(dir, dir.stat().id(),
          abs.getFileName().toString(), lookup);
      return r instanceof PidfileCheck.Named ? ((PidfileCheck.Named) r).state() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Checks each file the walk reaches and records problems; subclasses keep the named ones. */
  private abstract class Collector implements PidfileGlobs.Sink {
    private final boolean protect;
    private final Map<Path, PidfileProblem> problems;
    private final boolean[] incomplete;

    Collector(boolean protect, Map<Path, PidfileProblem> problems, boolean[] incomplete) {
      this.protect = protect;
      this.problems = problems;
      this.incomplete = incomplete;
    }

    abstract void named(PidfileCheck.Named n);

    @Override
    public void file(DirHandle dir, FileId dirId, String name) {
      PidfileCheck.Result r = PidfileCheck.check(dir, dirId, name, lookup);
      if (r instanceof PidfileCheck.Named) {
        named((PidfileCheck.Named) r);
      } else if (r instanceof PidfileCheck.Problem) {
        PidfileCheck.Problem p = (PidfileCheck.Problem) r;
        report(dir.path().resolve(name), p.kind(), p.reason());
      }
    }

    @Override
    public void unreadable(Path path, String reason) {
      report(path, PidfileProblem.Kind.UNREADABLE, reason);
    }

    private void report(Path path, PidfileProblem.Kind kind, String reason) {
      if (protect && kind == PidfileProblem.Kind.UNREADABLE) {
        incomplete[0] = true;
      }
      // First report wins; a protect glob's (walked first) says more than a watched one's.
      problems.putIfAbsent(path, new PidfileProblem(path, kind, reason, protect));
    }
  }
}
