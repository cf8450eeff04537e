package io.procsweep.facts;

import static io.procsweep.testing.Procs.proc;
import static io.procsweep.testing.Procs.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadPlan;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.testing.Procs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FactRegistryTest {
  private static final FactRegistry REGISTRY = FactRegistry.standard();

  private static Map<Integer, ProcessFacts> derive(Snapshot s, String platform, CpuSample cpu) {
    return byPid(new FactDeriver(REGISTRY, Set.of("systemd", "tini"), platform).derive(s, cpu));
  }

  private static Map<Integer, ProcessFacts> byPid(List<ProcessFacts> facts) {
    return facts.stream().collect(Collectors.toMap(f -> f.process().pid(), Function.identity()));
  }

  private static Map<Integer, ProcessFacts> derive(List<ProcessInfo> ps, List<Listener> ls) {
    return derive(snapshot(ps, ls), "linux", null);
  }

  @Test
  void everyFactIsDocumentedAndComputedForEveryProcess() {
    Map<Integer, ProcessFacts> f = derive(List.of(proc(1, 0, "init", 0, 100)), List.of());
    assertEquals(REGISTRY.names(), f.get(1).values().keySet());
    for (FactDef d : REGISTRY.all()) {
      assertTrue(!d.meaning().isBlank() && !d.platforms().isBlank(), d.name());
    }
    assertTrue(REGISTRY.names().containsAll(List.of("pid", "ppid", "name", "exe", "user", "uid",
        "state", "cmdline", "args", "age_seconds", "parent_name", "parent_alive", "reparented",
        "pgid", "sid", "tty", "session_leader_alive", "group_leader_alive", "daemon_like",
        "cgroup", "service_unit", "kernel_thread", "cpu_percent", "cpu_lifetime_percent",
        "high_cpu_seconds", "state_seconds", "rss_bytes", "threads", "children",
        "zombie_children", "listening", "listening_ports", "listener_shared",
        "listener_inherited", "listener_holders", "tree_listening_ports", "cwd", "stdio",
        "stdio_detached", "pid_namespace", "namespace_init", "container")));
  }

  @Test
  void reparentedOnLinuxMeansInitOrAKnownSubreaper() {
    Map<Integer, ProcessFacts> f = derive(List.of(
        proc(1, 0, "init", 0, 1000),
        proc(50, 1, "tini", 0, 900),
        proc(100, 1, "orphan", 30, 10),      // adopted by init
        proc(101, 50, "adopted", 30, 10),    // adopted by the subreaper tini
        proc(30, 1, "bash", 30, 500),        // a session leader (login shell)
        proc(102, 30, "child", 30, 10)),     // a child of a live parent
        List.of());
    assertEquals(true, f.get(100).get("reparented"));
    assertEquals(true, f.get(101).get("reparented"));
    assertEquals(false, f.get(102).get("reparented"));
    assertEquals(false, f.get(1).get("reparented"));
    assertEquals("bash", f.get(102).get("parent_name"));
    assertEquals(true, f.get(102).get("parent_alive"));
  }

  @Test
  void reparentedOnWindowsMeansParentGoneOrPidReused() {
    ProcessInfo parent = proc(10, 4, "explorer", 0, 100);
    ProcessInfo child = proc(20, 10, "child", 0, 50);
    ProcessInfo orphan = proc(21, 99, "orphan", 0, 50);        // parent pid 99 is gone
    ProcessInfo reused = proc(22, 30, "child2", 0, 500);       // pid 30 is younger than it
    ProcessInfo younger = proc(30, 4, "newcomer", 0, 10);
    Map<Integer, ProcessFacts> f = derive(
        snapshot(List.of(parent, child, orphan, reused, younger), List.of()), "windows", null);
    assertEquals(false, f.get(20).get("reparented"));
    assertEquals(true, f.get(21).get("reparented"));
    assertEquals(true, f.get(22).get("reparented"));
  }

  @Test
  void daemonLikeAndServiceUnit() {
    ProcessInfo setsid = proc(200, 1, "daemon", 200, 100);
    ProcessInfo withTty = Procs.withTty(proc(201, 1, "shell", 201, 100), "pts/0");
    ProcessInfo unit = Procs.withCgroup(proc(202, 1, "nginx", 300, 100),
        "/system.slice/nginx.service");
    ProcessInfo scoped = Procs.withCgroup(proc(203, 1, "app", 300, 100),
        "/user.slice/user-1000.slice/user@1000.service/app.slice/app-term.scope");
    Map<Integer, ProcessFacts> f = derive(List.of(setsid, withTty, unit, scoped), List.of());
    assertEquals(true, f.get(200).get("daemon_like"));
    assertEquals(true, f.get(200).get("session_leader"));
    assertEquals(false, f.get(201).get("daemon_like"), "a session leader with a terminal");
    assertEquals(true, f.get(202).get("daemon_like"));
    assertEquals("nginx.service", f.get(202).get("service_unit"));
    assertNull(f.get(203).get("daemon_like"), "not a session leader, stdio and cwd unknown");
    assertNull(f.get(203).get("service_unit"), "a scope inside user@.service is no unit");
  }

  @Test
  void sessionAndGroupLeaders() {
    ProcessInfo leader = proc(300, 1, "bash", 300, 100);
    ProcessInfo member = proc(301, 1, "job", 300, 10);
    ProcessInfo lost = proc(302, 1, "job2", 399, 10);
    ProcessInfo initChild = proc(303, 1, "agent", 0, 10);
    Map<Integer, ProcessFacts> f = derive(List.of(leader, member, lost, initChild), List.of());
    assertEquals(true, f.get(301).get("session_leader_alive"));
    assertEquals(false, f.get(302).get("session_leader_alive"));
    assertNull(f.get(303).get("session_leader_alive"), "session 0 has no leader");
    assertEquals(false, f.get(301).get("session_leader"));
  }

  @Test
  void childrenAndZombieChildren() {
    ProcessInfo parent = proc(400, 1, "parent", 0, 100);
    ProcessInfo z1 = Procs.with(proc(401, 400, "z", 0, 10), ProcState.ZOMBIE);
    ProcessInfo z2 = Procs.with(proc(402, 400, "z", 0, 10), ProcState.ZOMBIE);
    ProcessInfo live = proc(403, 400, "live", 0, 10);
    Map<Integer, ProcessFacts> f = derive(List.of(parent, z1, z2, live), List.of());
    assertEquals(3L, f.get(400).get("children"));
    assertEquals(2L, f.get(400).get("zombie_children"));
    assertEquals("zombie", f.get(401).get("state"));
  }

  @Test
  void listenersSharedAndInherited() {
    ProcessInfo master = proc(500, 1, "gunicorn", 500, 100);
    ProcessInfo worker = proc(501, 500, "gunicorn", 500, 90);
    ProcessInfo alone = proc(502, 1, "server", 502, 90);
    List<Listener> ls = List.of(
        new Listener("tcp", "0.0.0.0", 8000, 500, 77L),
        new Listener("tcp", "0.0.0.0", 8000, 501, 77L),
        new Listener("tcp6", "::", 9000, 502, 78L),
        new Listener("udp", "0.0.0.0", 5353, 502, 79L));
    Map<Integer, ProcessFacts> f = derive(List.of(master, worker, alone), ls);
    assertEquals(true, f.get(500).get("listener_shared"));
    assertEquals(false, f.get(500).get("listener_inherited"), "the opener holds it first");
    assertEquals(true, f.get(501).get("listener_inherited"));
    assertEquals(false, f.get(502).get("listener_shared"));
    assertEquals(List.of(5353L, 9000L), f.get(502).get("listening_ports"));
    assertEquals(true, f.get(502).get("listening"));
  }

  @Test
  void cpuPercentComesFromTheSampleWindowAndMatchesByStartTime() {
    ProcessInfo before = Procs.withCpu(proc(600, 1, "spin", 0, 100), 10_000);
    ProcessInfo after = Procs.withCpu(before, 11_900);       // +1900 ms CPU over 2000 ms
    ProcessInfo newcomer = Procs.withCpu(proc(601, 1, "new", 0, 1), 500);
    ProcessInfo reusedBefore = Procs.withCpu(proc(602, 1, "old", 0, 100), 0);
    ProcessInfo reusedAfter = Procs.withCpu(proc(602, 1, "new", 0, 1), 900); // same pid, younger
    CpuSample cpu = new CpuSample(snapshot(List.of(before, reusedBefore), List.of()), 2000);
    Map<Integer, ProcessFacts> f =
        derive(snapshot(List.of(after, newcomer, reusedAfter), List.of()), "linux", cpu);
    assertEquals(95.0, (Double) f.get(600).get("cpu_percent"), 0.001);
    assertEquals(2.0, (Double) f.get(600).get("high_cpu_seconds"), 0.001);
    assertEquals(2.0, (Double) f.get(600).get("state_seconds"), 0.001);
    assertNull(f.get(601).get("cpu_percent"), "not seen in the first read");
    assertNull(f.get(602).get("cpu_percent"), "a reused pid borrows no history");
    assertEquals(11_900 * 100.0 / 100_000, (Double) f.get(600).get("cpu_lifetime_percent"), 0.001);

    Map<Integer, ProcessFacts> unsampled = derive(List.of(after), List.of());
    assertNull(unsampled.get(600).get("cpu_percent"));
    assertNull(unsampled.get(600).get("state_seconds"));
  }

  @Test
  void ageAndCommandLine() {
    Map<Integer, ProcessFacts> f = derive(List.of(proc(700, 1, "tool", 0, 42)), List.of());
    assertEquals(42L, f.get(700).get("age_seconds"));
    assertEquals("tool --flag", f.get(700).get("cmdline"));
    assertEquals(List.of("tool", "--flag"), f.get(700).get("args"));
  }

  /** {@code p} in group {@code pgid}, with the placement fields the proc backend reads. */
  private static ProcessInfo placed(ProcessInfo p, int pgid, String cwd, List<String> stdio,
      List<Integer> nsPids) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        p.state(), p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(),
        pgid, p.sid(), p.tty(), p.cgroup(), p.kernelThread(), cwd, stdio, 4026532201L, nsPids);
  }

  private static final List<String> DEV_NULL = List.of("null", "null", "null");

  @Test
  void theDaemon3DoubleForkIsDaemonLike() {
    // The second child of fork, setsid, fork: session 250 (its gone first child), no tty.
    ProcessInfo base = proc(300, 1, "daemon", 250, 100);
    Map<Integer, ProcessFacts> f = derive(List.of(
        placed(base, 250, "/", DEV_NULL, List.of(300)),
        placed(proc(301, 1, "d2", 250, 100), 250, "/", List.of("closed", "closed", "closed"),
            List.of(301)),
        placed(proc(302, 1, "d3", 250, 100), 250, "/", List.of("null", "file", "file"),
            List.of(302)),
        placed(proc(303, 1, "leak", 250, 100), 250, "/home/u/proj", DEV_NULL, List.of(303)),
        placed(proc(304, 1, "leak2", 250, 100), 250, "/", List.of("null", "pipe", "pipe"),
            List.of(304)),
        placed(Procs.withTty(proc(305, 1, "fg", 250, 100), "pts/1"), 250, "/", DEV_NULL,
            List.of(305)),
        placed(proc(306, 1, "unknown", 250, 100), 250, "/", null, List.of(306)),
        placed(proc(307, 1, "unknown2", 250, 100), 250, null, List.of("socket", "null", "null"),
            List.of(307))),
        List.of());
    assertEquals(true, f.get(300).get("daemon_like"), "stdio on /dev/null, cwd /");
    assertEquals(true, f.get(301).get("daemon_like"), "stdio closed");
    assertEquals(true, f.get(302).get("daemon_like"), "output to a log file");
    assertEquals(false, f.get(303).get("daemon_like"), "cwd in a project");
    assertEquals(false, f.get(304).get("daemon_like"), "someone reads its output");
    assertEquals(false, f.get(305).get("daemon_like"), "a terminal");
    assertNull(f.get(306).get("daemon_like"), "stdio unknown");
    assertEquals(false, f.get(307).get("daemon_like"), "a socket on stdin decides alone");

    assertEquals(true, f.get(300).get("stdio_detached"));
    assertEquals(true, f.get(302).get("stdio_detached"));
    assertEquals(false, f.get(304).get("stdio_detached"));
    assertEquals(false, f.get(307).get("stdio_detached"));
    assertNull(f.get(306).get("stdio_detached"));
    assertEquals(List.of("null", "pipe", "pipe"), f.get(304).get("stdio"));
    assertEquals("/home/u/proj", f.get(303).get("cwd"));
    assertEquals(4026532201L, f.get(300).get("pid_namespace"));
  }

  @Test
  void aContainersInitAndTheChildItStartedAreNotReparentedButWhatItAdoptsIs() {
    ProcessInfo init = proc(1, 0, "systemd", 1, 10_000);
    ProcessInfo shim = proc(50, 1, "containerd-shim", 50, 500);
    // tini, pid 1 of its namespace (NSpid 60 1), in the session the runtime made (40)
    ProcessInfo tini = placed(proc(60, 50, "tini", 40, 400), 40, "/", DEV_NULL, List.of(60, 1));
    // the main process tini started: a group of its own (tini's setpgid), tini's session
    ProcessInfo main = placed(proc(61, 60, "server", 40, 400), 61, "/app", DEV_NULL,
        List.of(61, 2));
    // a background child of a subshell of main, adopted by tini: main's group
    ProcessInfo leaked = placed(proc(62, 60, "leak", 40, 300), 61, "/app", DEV_NULL,
        List.of(62, 7));
    // a namespace init whose launcher died: adopted by the host's init
    ProcessInfo stray = placed(proc(70, 1, "tini", 40, 400), 40, "/", DEV_NULL, List.of(70, 1));
    // a child of a subreaper, in its session but not leading a group: adopted
    ProcessInfo plain = placed(proc(63, 60, "adopted", 40, 300), 40, "/app", DEV_NULL,
        List.of(63, 9));
    Map<Integer, ProcessFacts> f = byPid(new FactDeriver(REGISTRY,
        Set.of("systemd", "tini", "containerd-shim"), "linux")
        .derive(snapshot(List.of(init, shim, tini, main, leaked, stray, plain), List.of()), null));
    assertEquals(true, f.get(60).get("namespace_init"));
    assertEquals(false, f.get(60).get("reparented"), "a container's init under its shim");
    assertEquals(false, f.get(61).get("namespace_init"), "pid 2 of the namespace");
    assertEquals(false, f.get(61).get("reparented"), "started by tini");
    assertEquals(true, f.get(62).get("reparented"), "adopted by tini");
    assertEquals(true, f.get(63).get("reparented"));
    assertEquals(true, f.get(70).get("namespace_init"));
    assertEquals(true, f.get(70).get("reparented"), "its launcher is gone");
    assertNull(f.get(50).get("namespace_init"), "NSpid not read: unknown");
    assertNull(new FactDeriver(REGISTRY, Set.of(), "macos")
        .derive(snapshot(List.of(tini), List.of()), null).get(0).get("namespace_init"));
  }

  @Test
  void aReadWithoutNSpidLeavesReparentedUnreadForASubreapersChildrenAlone() {
    ProcessInfo init = proc(1, 0, "systemd", 1, 10_000);
    ProcessInfo shim = proc(50, 1, "containerd-shim", 50, 500);
    ProcessInfo child = proc(60, 50, "tini", 40, 400);
    ProcessInfo orphan = proc(100, 1, "orphan", 30, 10);
    ProcessInfo job = proc(102, 100, "job", 30, 10);
    ReadPlan noNsPids = ReadPlan.of(ReadPlan.Source.UID, ReadPlan.Source.CMDLINE);
    assertTrue(REGISTRY.reads(List.of("reparented")).has(ReadPlan.Source.NSPIDS),
        "a complete read of reparented takes NSpid");
    assertTrue(!REGISTRY.unread(noNsPids).contains("reparented"), "computed for most");
    Snapshot s = snapshot(List.of(init, shim, child, orphan, job), List.of());
    Map<Integer, ProcessFacts> f = byPid(new FactDeriver(REGISTRY, Set.of("containerd-shim"),
        "linux").derive(new SnapshotIndex(s), null, null, p -> true, noNsPids));
    assertTrue(!f.get(60).isRead("reparented"), "the shim's child: NSpid decides");
    assertNull(f.get(60).get("reparented"));
    assertEquals(true, f.get(100).get("reparented"), "init's child: decided on stat");
    assertEquals(false, f.get(102).get("reparented"));
    assertTrue(f.get(100).isRead("reparented") && f.get(102).isRead("reparented"));
    assertTrue(!f.get(60).isRead("namespace_init"), "namespace_init always needs NSpid");
  }

  @Test
  void namespaceInitNeedsANestedNamespaceAndPidOne() {
    Map<Integer, ProcessFacts> f = derive(List.of(
        placed(proc(1, 0, "systemd", 1, 100), 1, "/", DEV_NULL, List.of(1)),
        placed(proc(80, 1, "a", 80, 100), 80, "/", DEV_NULL, List.of(80, 1)),
        placed(proc(81, 1, "b", 81, 100), 81, "/", DEV_NULL, List.of(81, 5)),
        placed(proc(82, 1, "c", 82, 100), 82, "/", DEV_NULL, List.of(82, 3, 1)),
        proc(83, 1, "d", 83, 100)),
        List.of());
    assertEquals(false, f.get(1).get("namespace_init"), "procsweep's own init");
    assertEquals(true, f.get(80).get("namespace_init"));
    assertEquals(false, f.get(81).get("namespace_init"));
    assertEquals(true, f.get(82).get("namespace_init"), "two levels down");
    assertNull(f.get(83).get("namespace_init"), "unknown");
  }

  @Test
  void treeListeningPortsAndListenerHolders() {
    // npm exec vite: npm -> sh -> node, which holds :5173 and shares it with a forked helper
    ProcessInfo npm = proc(900, 1, "npm", 900, 100);
    ProcessInfo sh = proc(901, 900, "sh", 900, 100);
    ProcessInfo node = proc(902, 901, "node", 900, 100);
    ProcessInfo helper = proc(903, 902, "node", 900, 100);
    ProcessInfo other = proc(904, 1, "other", 904, 100);
    List<Listener> ls = List.of(
        new Listener("tcp", "127.0.0.1", 5173, 902, 55L),
        new Listener("tcp6", "::1", 5173, 902, 56L),
        new Listener("tcp", "127.0.0.1", 5173, 903, 55L),
        new Listener("tcp", "0.0.0.0", 9229, 903, 57L),
        new Listener("tcp", "0.0.0.0", 8080, 904, null));
    Map<Integer, ProcessFacts> f = derive(List.of(npm, sh, node, helper, other), ls);
    assertEquals(List.of(5173L, 9229L), f.get(900).get("tree_listening_ports"));
    assertEquals(List.of(), f.get(900).get("listening_ports"));
    assertEquals(List.of(5173L), f.get(902).get("listening_ports"));
    assertEquals(List.of(5173L, 9229L), f.get(902).get("tree_listening_ports"));
    assertEquals(List.of(902L, 903L), f.get(902).get("listener_holders"));
    assertEquals(List.of(902L, 903L), f.get(903).get("listener_holders"));
    assertEquals(List.of(), f.get(900).get("listener_holders"), "it listens on nothing");
    assertNull(f.get(904).get("listener_holders"), "no inode (OSHI): holders unknown");
    assertEquals(List.of(8080L), f.get(904).get("tree_listening_ports"));
  }

  @Test
  void treeListeningIsWhetherTheTreesPortsAreAnyOnRandomTrees() {
    // tree_listening walks up from the holders, tree_listening_ports down from the process:
    // on any forest (gaps where a parent left the table, holders at every depth) they agree.
    java.util.Random random = new java.util.Random(11);
    for (int round = 0; round < 50; round++) {
      List<ProcessInfo> ps = new java.util.ArrayList<>();
      ps.add(proc(1, 0, "init", 1, 1000));
      for (int pid = 2; pid <= 120; pid++) {
        int ppid = 1 + random.nextInt(pid - 1);
        if (random.nextInt(10) == 0) {
          ppid += 500; // its parent is gone from the table
        }
        ps.add(proc(pid, ppid, "p" + pid, 1, 100));
      }
      ps.removeIf(p -> p.pid() > 1 && random.nextInt(15) == 0); // gone between reads
      List<Listener> ls = new java.util.ArrayList<>();
      for (int i = random.nextInt(6); i > 0; i--) {
        ls.add(new Listener("tcp", "0.0.0.0", 8000 + i, 2 + random.nextInt(130), (long) i));
      }
      Map<Integer, ProcessFacts> f = derive(ps, ls);
      for (ProcessFacts x : f.values()) {
        List<?> ports = (List<?>) x.get("tree_listening_ports");
        assertEquals(!ports.isEmpty(), x.get("tree_listening"),
            "round " + round + ", pid " + x.process().pid());
      }
    }
  }

  @Test
  void containerComesFromTheCgroup() {
    String id = "3f1b6c2e9a0d4e5f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f";
    Map<Integer, ProcessFacts> f = derive(List.of(
        Procs.withCgroup(proc(950, 1, "app", 950, 10), "/system.slice/docker-" + id + ".scope"),
        proc(951, 1, "host", 951, 10)), List.of());
    assertEquals(id, f.get(950).get("container"));
    assertNull(f.get(951).get("container"));
  }
}
