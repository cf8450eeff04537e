package io.procsweep.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.re2j.Pattern;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.testing.Procs;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The scope's process part on hand-built snapshots: --port trees, --match on zombies. */
class ScopeTest {

  /** A process in process group {@code pgid} of session 500, with this command line. */
  private static ProcessInfo proc(int pid, int ppid, int pgid, ProcState state, String... args) {
    String name = args.length == 0 ? "defunct" : args[0];
    return new ProcessInfo(pid, ppid, name, null, List.of(args), "alice", 1000, state,
        Procs.NOW.toEpochMilli() - 60_000, 0, 0, null, 1, pgid, 500, null, null, false);
  }

  private static ProcessInfo proc(int pid, int ppid, int pgid, String... args) {
    return proc(pid, ppid, pgid, ProcState.SLEEPING, args);
  }

  private static Set<Integer> admitted(Scope scope, List<ProcessInfo> ps, List<Listener> ls) {
    SnapshotIndex index = new SnapshotIndex(Procs.snapshot(ps, ls));
    Set<Integer> out = new TreeSet<>();
    ps.stream().filter(scope.admits(index)).forEach(p -> out.add(p.pid()));
    return out;
  }

  /**
   * {@code npm exec vite} started from a shell: npm (job leader) → sh → node holding :5173,
   * node → esbuild; npm → a second sh that holds nothing. The shell and init are in other groups;
   * an unrelated server holds :8000.
   */
  private static final List<ProcessInfo> NPM_TREE = List.of(
      proc(1, 0, 1, "/sbin/init"),
      proc(500, 1, 500, "-bash"),
      proc(600, 500, 600, "npm", "exec", "vite"),
      proc(601, 600, 600, "sh", "-c", "vite"),
      proc(602, 601, 600, "node", "/tmp/node_modules/.bin/vite"),
      proc(603, 602, 600, "esbuild", "--service"),
      proc(604, 600, 600, "sh", "-c", "true"),
      proc(700, 1, 700, "python3", "-m", "http.server", "8000"));

  private static final List<Listener> LISTENERS = List.of(
      new Listener("tcp6", "::", 5173, 602, 11L),
      new Listener("tcp", "0.0.0.0", 8000, 700, 12L));

  @Test
  void portTakesItsHoldersTheirDescendantsAndTheirAncestorsInTheSameProcessGroup() {
    assertEquals(Set.of(600, 601, 602, 603), admitted(Scope.ports(Set.of(5173)), NPM_TREE,
        LISTENERS), "not the shell (another group), not npm's other child, not :8000's holder");
    assertEquals(Set.of(600, 601, 602, 603, 700), admitted(Scope.ports(Set.of(5173, 8000)),
        NPM_TREE, LISTENERS));
    assertEquals(Set.of(), admitted(Scope.ports(Set.of(9999)), NPM_TREE, LISTENERS));
  }

  @Test
  void everyHolderOfASharedSocketIsTaken() {
    // gunicorn: the master died; three workers share its socket, each adopted by init, in the
    // dead master's group. The walk up stops at init.
    List<ProcessInfo> ps = List.of(proc(1, 0, 0, "/sbin/init"),
        proc(801, 1, 800, "gunicorn: worker"), proc(802, 1, 800, "gunicorn: worker"),
        proc(803, 1, 800, "gunicorn: worker"), proc(900, 1, 900, "other"));
    List<Listener> ls = List.of(new Listener("tcp", "0.0.0.0", 8000, 801, 5L),
        new Listener("tcp", "0.0.0.0", 8000, 802, 5L), new Listener("tcp", "0.0.0.0", 8000, 803, 5L));
    assertEquals(Set.of(801, 802, 803), admitted(Scope.ports(Set.of(8000)), ps, ls));
  }

  @Test
  void pidOneIsNeverTakenInEvenInTheHoldersGroup() {
    // Inside a container without job control, init and its children can share group 1.
    List<ProcessInfo> ps = List.of(proc(1, 0, 1, "tini", "--", "server"),
        proc(7, 1, 1, "server"));
    assertEquals(Set.of(7), admitted(Scope.ports(Set.of(8080)), ps,
        List.of(new Listener("tcp", "0.0.0.0", 8080, 7, 3L))));
  }

  @Test
  void portCombinesWithTheOtherRestrictions() {
    Scope portAndMatch = new Scope(Set.of(), Set.of(), Pattern.compile("^sh "), Set.of(),
        Set.of(), Set.of(), Set.of(5173));
    assertEquals(Set.of(601), admitted(portAndMatch, NPM_TREE, LISTENERS));
  }

  @Test
  void matchOnAZombieSearchesItsParentsCommandLine() {
    List<ProcessInfo> ps = List.of(proc(1, 0, 1, "/sbin/init"),
        proc(40, 1, 40, "python3", "worker.py", "--queue", "mail"),
        proc(41, 40, 40, ProcState.ZOMBIE), // exited, never reaped: no command line left
        proc(50, 1, 50, "python3", "other.py"),
        proc(51, 50, 50, ProcState.ZOMBIE),
        proc(60, 1, 60, "python3", "-c", "pass"),
        proc(61, 60, 60, "worker.py", "--queue", "mail")); // alive: only its own line counts
    Scope worker = new Scope(Set.of(), Set.of(), Pattern.compile("worker\\.py --queue mail"),
        Set.of(), Set.of(), Set.of());
    assertEquals(Set.of(40, 41, 61), admitted(worker, ps, List.of()));
    // The zombie's own name still matches as before ("[defunct]").
    Scope byName = new Scope(Set.of(), Set.of(), Pattern.compile("\\[defunct\\]"), Set.of(),
        Set.of(), Set.of());
    assertEquals(Set.of(41, 51), admitted(byName, ps, List.of()));
  }

  @Test
  void unresolvedNamesADescendantsOfPidNoProcessHas() {
    SnapshotIndex index = new SnapshotIndex(Procs.snapshot(NPM_TREE, LISTENERS));
    Scope scope = new Scope(Set.of(), Set.of(), null, Set.of(600, 999_999), Set.of(), Set.of());
    assertEquals(List.of("--descendants-of 999999: no process has pid 999999"),
        scope.unresolved(index));
    assertEquals(List.of(), new Scope(Set.of(), Set.of(), null, Set.of(600), Set.of(), Set.of())
        .unresolved(index));
  }

  @Test
  void portNotesSayWhichPortsNoOneVisiblyHolds() {
    List<Listener> ls = List.of(new Listener("tcp", "0.0.0.0", 8000, 700, 12L),
        new Listener("tcp", "0.0.0.0", 22, null, 13L)); // another user's, not readable
    SnapshotIndex index = new SnapshotIndex(Procs.snapshot(NPM_TREE, ls));
    assertEquals(List.of("port 22 is held by a process procsweep cannot see (another user's,"
            + " or in another namespace)", "no process listens on port 3000"),
        Scope.ports(Set.of(3000, 22, 8000)).portNotes(index));
  }
}
