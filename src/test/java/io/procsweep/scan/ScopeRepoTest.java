package io.procsweep.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.SnapshotIndex;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.testing.Procs;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code --repo}: working directory or executable under the repository, trees, its ports. */
class ScopeRepoTest {

  private static ProcessInfo proc(int pid, int ppid, int pgid, String exe, String cwd) {
    return new ProcessInfo(pid, ppid, "p" + pid, exe, List.of("p" + pid), "alice", 1000,
        ProcState.SLEEPING, Procs.NOW.toEpochMilli() - 60_000, 0, 0, null, 1, pgid, 500, null,
        null, false, cwd, null, null, null);
  }

  /**
   * A shell in the repository starts a dev server (cwd in the repository) whose worker moved
   * to /; a build tool runs from the repository's own node_modules with cwd elsewhere; a
   * server of a sibling repository whose name extends this one's; a stale vite, started from
   * another folder, holds the watched port 5173 through its wrapper's group; an unrelated
   * listener on 8080.
   */
  private static final List<ProcessInfo> PS = List.of(
      proc(1, 0, 1, "/sbin/init", "/"),
      proc(500, 1, 500, "/bin/bash", "/home/a/src/app"),
      proc(501, 500, 501, "/usr/bin/python3", "/home/a/src/app/api"),
      proc(502, 501, 501, "/usr/bin/python3", "/"),
      proc(503, 1, 503, "/usr/bin/python3", null), // a zombie child of 501's would have none
      proc(510, 1, 510, "/home/a/src/app/node_modules/.bin/esbuild", "/tmp"),
      proc(520, 1, 520, "/usr/bin/python3", "/home/a/src/app2"),
      proc(600, 1, 600, "/usr/bin/npm", "/home/a/other"),
      proc(601, 600, 600, "/usr/bin/node", "/home/a/other"),
      proc(700, 1, 700, "/usr/bin/python3", "/srv"));

  private static final List<Listener> LS = List.of(
      new Listener("tcp", "0.0.0.0", 5173, 601, 1L),
      new Listener("tcp", "0.0.0.0", 8080, 700, 2L));

  private static Set<Integer> admitted(Scope scope) {
    SnapshotIndex index = new SnapshotIndex(Procs.snapshot(PS, LS));
    Set<Integer> out = new TreeSet<>();
    PS.stream().filter(scope.admits(index)).forEach(p -> out.add(p.pid()));
    return out;
  }

  @Test
  void cwdOrExeUnderTheRepositoryAndTheirDescendants() {
    assertEquals(Set.of(500, 501, 502, 510), admitted(Scope.repo("/home/a/src/app", Set.of())),
        "not app2 (a sibling that shares the prefix), not other trees");
  }

  @Test
  void watchedPortsAddTheHoldersTrees() {
    assertEquals(Set.of(500, 501, 502, 510, 600, 601),
        admitted(Scope.repo("/home/a/src/app", Set.of(5173, 3000))),
        "the vite holding 5173 and its npm wrapper; not the 8080 server");
  }

  @Test
  void combinesWithTheOtherRestrictions() {
    Scope repoAndPid = new Scope(Set.of(502, 520), Set.of(), null, Set.of(), Set.of(), Set.of(),
        Set.of(), "/home/a/src/app", Set.of());
    assertEquals(Set.of(502), admitted(repoAndPid));
  }

  @Test
  void underComparesWholeComponents() {
    assertTrue(Scope.under("/r", "/r"));
    assertTrue(Scope.under("/r/a/b", "/r"));
    assertTrue(Scope.under("/r/gone (deleted)", "/r"));
    assertTrue(Scope.under("/anything", "/"));
    assertFalse(Scope.under("/r2", "/r"));
    assertFalse(Scope.under("/", "/r"));
    assertFalse(Scope.under(null, "/r"));
  }
}
