package io.procsweep.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.procsweep.rules.Rule;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.Scope;
import io.procsweep.snapshot.Backend;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotSources;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.TestRules;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The orphan model against the real thing: daemons made the way daemons are made, a leaked test
 * server, and tini in a pid namespace. Each test scans (proc backend, shipped rules) scoped to
 * its fixture's marker and asserts which rules match each process; Fixture.close kills what
 * the fixture made, whatever the assertions said.
 */
@EnabledOnOs(OS.LINUX)
class OrphanModelLiveTest {
  /** The fixtures' reaper adopts their orphans (PR_SET_CHILD_SUBREAPER): declare it one. */
  private static final String FIXTURE_SUBREAPER = "version: 1\nsubreapers: [psweep-reaper]\n";

  /** What one scoped scan found: facts and matching rule ids per pid. */
  private record Scan(Map<Integer, ProcessFacts> facts, Map<Integer, Set<String>> rules) {
    Set<String> rules(int pid) {
      assertTrue(facts.containsKey(pid), "pid " + pid + " in scope: " + facts.keySet());
      return rules.getOrDefault(pid, Set.of());
    }

    Object fact(int pid, String name) {
      return facts.get(pid).get(name);
    }
  }

  private static Scan scan(Scope scope) throws Exception {
    RuleSet rules = TestRules.shippedPlus(FIXTURE_SUBREAPER);
    Snapshot s = SnapshotSources.create(Backend.PROC).read(true);
    SnapshotIndex index = new SnapshotIndex(s);
    List<ProcessFacts> facts = new FactDeriver(FactRegistry.standard(),
        new HashSet<>(rules.subreapers()), "linux").derive(index, null, scope.admits(index));
    Map<Integer, ProcessFacts> byPid = new HashMap<>();
    Map<Integer, Set<String>> matched = new HashMap<>();
    for (ProcessFacts f : facts) {
      byPid.put(f.process().pid(), f);
      for (Rule r : rules.rules()) {
        if (r.matches(f)) {
          matched.computeIfAbsent(f.process().pid(), k -> new TreeSet<>()).add(r.id());
        }
      }
    }
    return new Scan(byPid, matched);
  }

  @Test
  void apueDoubleForkDaemonHoldingAPortIsNeitherOrphanNorStaleListener() throws Exception {
    try (Fixture f = Fixture.start("apue-daemon", true)) {
      int daemon = f.pid("daemon");
      long port = Long.parseLong(f.value("port"));
      Scan r = scan(Scope.matching(f.marker()));
      assertEquals(f.reaperPid(), (long) r.facts().get(daemon).process().ppid(), "adopted");
      assertEquals(true, r.fact(daemon, "reparented"));
      assertEquals(false, r.fact(daemon, "session_leader"), "the second fork leads nothing");
      assertEquals(false, r.fact(daemon, "session_leader_alive"), "the first child is gone");
      assertEquals(List.of(port), r.fact(daemon, "listening_ports"));
      assertEquals("/", r.fact(daemon, "cwd"));
      assertEquals(List.of("null", "null", "null"), r.fact(daemon, "stdio"));
      assertEquals(true, r.fact(daemon, "stdio_detached"));
      assertEquals(true, r.fact(daemon, "daemon_like"));
      assertEquals(Set.of(), r.rules(daemon));
    }
  }

  @Test
  void startStopDaemonBackgroundIsNotAnOrphan() throws Exception {
    assumeTrue(onPath("start-stop-daemon"), "start-stop-daemon (Debian package dpkg) missing");
    try (Fixture f = Fixture.start("start-stop-daemon", true)) {
      int daemon = f.pid("daemon");
      Scan r = scan(Scope.matching(f.marker()));
      assertEquals(true, r.fact(daemon, "reparented"));
      assertNotEquals(daemon, ((Long) r.fact(daemon, "sid")).intValue(),
          "start-stop-daemon forks twice: no session leader");
      assertEquals(true, r.fact(daemon, "daemon_like"));
      assertEquals(Set.of(), r.rules(daemon));
    }
  }

  @Test
  void testServerLeakedBySuiteUnderSetsidIsStillAnOrphan() throws Exception {
    try (Fixture f = Fixture.start("setsid-suite", true)) {
      int server = f.pid("server");
      Scan r = scan(Scope.matching(f.marker()));
      assertEquals(Path.of("").toAbsolutePath().toString(), r.fact(server, "cwd"),
          "the project it was started in");
      assertEquals("pipe", ((List<?>) r.fact(server, "stdio")).get(1), "the suite's stdout");
      assertEquals(false, r.fact(server, "stdio_detached"));
      assertEquals(false, r.fact(server, "daemon_like"));
      assertEquals(Set.of("orphan-lost-session", "stale-listener-orphan"), r.rules(server));
    }
  }

  @Test
  void tiniInAPidNamespaceFromTheHost() throws Exception {
    assumeTrue(onPath("tini"), "tini missing (apt-get install tini)");
    assumeTrue(unsharePermitted(), "unshare --pid --fork --mount-proc is not permitted here");
    try (Fixture f = Fixture.start("tini-namespace", true)) {
      int unshare = f.pid("unshare");
      int tini = f.pid("tini");
      int sh = f.pid("sh");
      int main = f.pid("main");
      int leaked = f.pid("leaked");
      Scope scope = Scope.matching(f.marker());

      // tini under its launcher, unshare
      Scan r = scan(scope);
      assertEquals(true, r.fact(tini, "namespace_init"));
      assertEquals(false, r.fact(sh, "namespace_init"));
      assertNotEquals(r.fact(unshare, "pid_namespace"), r.fact(tini, "pid_namespace"));
      assertEquals(r.fact(tini, "pid_namespace"), r.fact(leaked, "pid_namespace"));
      assertEquals(false, r.fact(sh, "reparented"), "sh is the process tini started");
      assertEquals(true, r.fact(leaked, "reparented"), "adopted by tini inside the namespace");
      for (int pid : new int[] {unshare, tini, sh, main}) {
        assertEquals(Set.of(), r.rules(pid), "pid " + pid);
      }
      assertEquals(Set.of("orphan"), r.rules(leaked));

      // the launcher gone: tini is adopted by the fixture's subreaper, as a container's init is
      // by its shim once the runtime exits
      Optional<ProcessHandle> launcher = ProcessHandle.of(unshare);
      assumeTrue(launcher.isPresent());
      launcher.get().destroyForcibly(); // it stays a zombie: its parent, the fixture, never waits
      awaitParent(tini, (int) f.reaperPid());
      Scan adopted = scan(scope);
      assertEquals(true, adopted.fact(tini, "namespace_init"));
      assertEquals(false, adopted.fact(tini, "reparented"), "a namespace's init under a subreaper");
      assertEquals(Set.of(), adopted.rules(tini));
      assertEquals(Set.of(), adopted.rules(sh));
      assertEquals(Set.of(), adopted.rules(main));
      assertEquals(Set.of("orphan"), adopted.rules(leaked));
    }
  }

  private static void awaitParent(int pid, int parent) throws Exception {
    for (int i = 0; i < 100; i++) {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      if (Integer.parseInt(after[1]) == parent) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("pid " + pid + " never adopted by " + parent);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/sbin", tool)) || Files.isExecutable(Path.of("/usr/sbin", tool));
  }

  private static boolean unsharePermitted() throws Exception {
    Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }
}
