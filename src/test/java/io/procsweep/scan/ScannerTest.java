package io.procsweep.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.RuleSet;
import io.procsweep.rules.Severity;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotSource;
import io.procsweep.testing.TestRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One finding per process, on hand-built snapshots with the shipped rules. */
class ScannerTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private static final long STARTED = NOW.toEpochMilli() - 3_600_000;

  /** Init, and a session 250 whose leader is gone. */
  private static List<ProcessInfo> base() {
    List<ProcessInfo> ps = new ArrayList<>();
    ps.add(proc(1, 0, "systemd", 1, null));
    return ps;
  }

  /** A process adopted by init out of session {@code sid}, no terminal. */
  private static ProcessInfo proc(int pid, int ppid, String name, int sid, String tty) {
    // Started from a shell in a project: cwd there, stdio on the shell's pipes (no daemon).
    return new ProcessInfo(pid, ppid, name, "/usr/bin/" + name, List.of(name, "--serve"), "alice",
        1000, ProcState.SLEEPING, STARTED, 10, 10, 1L << 20, 1, pid, sid, tty,
        "/user.slice/user-1000.slice/session-3.scope", false, "/home/alice/project",
        List.of("pipe", "pipe", "pipe"), null, null);
  }

  private static ScanResult scan(RuleSet rules, List<ProcessInfo> ps, List<Listener> ls)
      throws Exception {
    Snapshot snapshot = new Snapshot(NOW, "test", new HostInfo("h", "linux", "6", 0, 2), ps, ls,
        List.of());
    SnapshotSource source = new SnapshotSource() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Snapshot read(boolean withListeners) {
        return snapshot;
      }
    };
    Scanner scanner = new Scanner(source, rules,
        new FactDeriver(FactRegistry.standard(), new HashSet<>(rules.subreapers()), "linux"),
        Clock.fixed(NOW, ZoneOffset.UTC), d -> { });
    return scanner.scan(Duration.ZERO, Scope.ALL, null);
  }

  @Test
  void anOrphanedListenerWhoseSessionIsGoneIsOneFindingLedByTheStaleListenerRule()
      throws Exception {
    List<ProcessInfo> ps = base();
    ps.add(proc(300, 1, "server", 250, null)); // session 250's leader is gone
    ps.add(proc(301, 1, "quiet", 301, null)); // a daemon: leads its own session, no finding
    ScanResult r = scan(TestRules.shippedPlus(), ps,
        List.of(new Listener("tcp", "127.0.0.1", 41234, 300, 9001L)));

    assertEquals(1, r.findings().size(), "findings: " + r.findings());
    Finding f = r.findings().get(0);
    assertEquals(300, f.process().pid());
    assertEquals(List.of("stale-listener-orphan", "orphan-lost-session"), f.ruleIds());
    assertEquals("stale-listener-orphan", f.rule());
    assertEquals(Severity.HIGH, f.severity());
    assertEquals("stale-listener", f.category());
    assertEquals("listening socket held by an orphaned process or one of its descendants", f.message());
    assertEquals(new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.KILL_TREE), f.cleanup());
    Match lost = f.matches().get(1);
    assertEquals("orphan", lost.category());
    assertEquals(Severity.MEDIUM, lost.severity());
    assertEquals("reparented, and the leader of the session that started it has exited", lost.message());

    // Evidence: the union of what both rules read, sorted by name.
    assertEquals(List.of("daemon_like", "reparented", "session_leader",
        "session_leader_alive", "sid", "tree_listening"), new ArrayList<>(f.evidence().keySet()));
    assertEquals(Boolean.FALSE, f.evidence().get("session_leader_alive"));
    assertEquals(Boolean.TRUE, f.evidence().get("tree_listening"));

    // Context: what the operator asks first.
    assertEquals(List.of(41234L), f.context().listeningPorts());
    assertEquals(250L, f.context().sessionId());
    assertEquals(Boolean.FALSE, f.context().sessionLeaderAlive());
  }

  @Test
  void equalSeveritiesAreLedByTheRuleThatReadsMoreFacts() throws Exception {
    // 8000 is a watched dev port: dev-port-held-by-orphan (high, 4 facts) matches as well as
    // stale-listener-orphan (high, 5 facts); the narrower one leads.
    List<ProcessInfo> ps = base();
    ps.add(proc(300, 1, "server", 250, null));
    ScanResult r = scan(TestRules.shippedPlus(), ps,
        List.of(new Listener("tcp", "0.0.0.0", 8000, 300, 9001L)));
    assertEquals(1, r.findings().size());
    assertEquals(List.of("stale-listener-orphan", "dev-port-held-by-orphan",
        "orphan-lost-session"), r.findings().get(0).ruleIds());
  }

  @Test
  void precedenceIsSeverityThenSpecificityThenIdWhateverTheFileOrder() throws Exception {
    String rules = "version: 1\nrules:\n"
        + "  - id: b-broad\n    category: custom\n    severity: medium\n"
        + "    when: { name: solo }\n"
        + "  - id: z-narrow\n    category: custom\n    severity: medium\n"
        + "    when: { all: [ { name: solo }, { threads: 1 }, { state: sleeping } ] }\n"
        + "  - id: a-broad\n    category: custom\n    severity: medium\n"
        + "    when: { pid: 400 }\n"
        + "  - id: y-low\n    category: custom\n    severity: low\n"
        + "    when: { all: [ { name: solo }, { threads: 1 }, { state: sleeping }, { uid: 1000 } ] }\n"
        + "  - id: c-high\n    category: custom\n    severity: high\n    when: { pid: 400 }\n";
    List<ProcessInfo> ps = base();
    ps.add(proc(400, 1, "solo", 400, null));
    ScanResult r = scan(TestRules.shippedPlus(rules), ps, List.of());
    assertEquals(1, r.findings().size());
    assertEquals(List.of("c-high", "z-narrow", "a-broad", "b-broad", "y-low"),
        r.findings().get(0).ruleIds());
  }

  @Test
  void aProcessMatchingNothingIsNoFindingAndEachMatchingProcessIsOne() throws Exception {
    List<ProcessInfo> ps = base();
    for (int pid = 500; pid < 505; pid++) {
      ps.add(proc(pid, 1, "server", 250, null));
    }
    List<Listener> ls = new ArrayList<>();
    for (int pid = 500; pid < 505; pid++) {
      // Five pre-fork workers sharing one socket: five findings, not ten.
      ls.add(new Listener("tcp", "0.0.0.0", 41235, pid, 777L));
    }
    ScanResult r = scan(TestRules.shippedPlus(), ps, ls);
    assertEquals(5, r.findings().size());
    for (Finding f : r.findings()) {
      assertEquals(2, f.matches().size(), f.toString());
    }
    assertEquals(List.of(500, 501, 502, 503, 504),
        r.findings().stream().map(f -> f.process().pid()).toList(), "ordered by pid");
  }

  @Test
  void contextReadsFactsByNameAndIsNullWhereAFactIsMissing() {
    Map<String, Object> facts = new HashMap<>();
    facts.put("listening_ports", List.of(8000L));
    facts.put("tree_listening_ports", List.of(8000L, 5173L));
    facts.put("listener_holders", List.of(10L, 11L));
    facts.put("cwd", "/home/alice/app");
    facts.put("sid", 42L);
    facts.put("session_leader_alive", true);
    facts.put("container", "3f2a9c1b7d4e");
    ProcessContext c = ProcessContext.of(facts::get);
    assertEquals(new ProcessContext(List.of(8000L), List.of(8000L, 5173L), List.of(10L, 11L),
        "/home/alice/app", 42L, true, "3f2a9c1b7d4e"), c);
    assertEquals(List.of(5173L), c.descendantPorts());
    assertEquals(List.of(8000L, 5173L), c.allPorts());

    // A fact that is not registered (or unknown) reads as null, never as an error.
    assertEquals(ProcessContext.UNKNOWN, ProcessContext.of(name -> null));
    assertEquals(List.of(), ProcessContext.UNKNOWN.allPorts());
    // Shapes other than the registry's are read leniently.
    Map<String, Object> odd = new HashMap<>();
    odd.put("listener_holders", List.of(7, "8", "x"));
    odd.put("tree_listening_ports", 9000);
    odd.put("sid", "nonsense");
    ProcessContext o = ProcessContext.of(odd::get);
    assertEquals(List.of(7L, 8L), o.listenerHolders());
    assertEquals(List.of(9000L), o.treeListeningPorts());
    assertNull(o.sessionId());
  }

  @Test
  void aFindingKeepsItsHighestSeverityFirstAndNeedsAMatch() {
    ProcessInfo p = proc(9, 1, "x", 9, null);
    Match low = new Match("low-one", "orphan", Severity.LOW, "l", CleanupSpec.NONE);
    Match high = new Match("high-one", "stale-listener", Severity.HIGH, "h",
        new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.KILL_TREE));
    Match high2 = new Match("another-high", "custom", Severity.HIGH, "h2", CleanupSpec.NONE);
    Finding f = new Finding(p, 1, List.of(low, high, high2), Map.of(), null);
    assertEquals(List.of("high-one", "another-high", "low-one"), f.ruleIds(),
        "by severity; the given order among equals");
    assertEquals(high.cleanup(), f.cleanup());
    assertTrue(f.matched("low-one"));
    assertFalse(f.matched("nope"));
    assertEquals(ProcessContext.UNKNOWN, f.context());
    assertThrows(IllegalArgumentException.class,
        () -> new Finding(p, 1, List.of(), Map.of(), ProcessContext.UNKNOWN));

    Finding single = new Finding("r", "c", Severity.INFO, "m", p, 3, Map.of("a", 1L),
        CleanupSpec.NONE);
    assertEquals(List.of(new Match("r", "c", Severity.INFO, "m", CleanupSpec.NONE)),
        single.matches());
    assertEquals("m", single.message());
  }

  @Test
  void aWrapperWhoseGrandchildHoldsThePortIsOneFindingNamingTheHolder() throws Exception {
    // npm exec vite -> sh -> node: the wrapper was orphaned, its shell and node still have a
    // live parent each, so only the wrapper is a finding, and it names who holds the port.
    List<ProcessInfo> ps = base();
    ps.add(proc(300, 1, "npm", 250, null));
    ps.add(proc(301, 300, "sh", 250, null));
    ps.add(proc(302, 301, "node", 250, null));
    ScanResult r = scan(TestRules.shippedPlus(), ps,
        List.of(new Listener("tcp", "127.0.0.1", 5173, 302, 9002L)));

    assertEquals(1, r.findings().size(), "findings: " + r.findings());
    Finding f = r.findings().get(0);
    assertEquals(300, f.process().pid());
    assertEquals("stale-listener-orphan", f.rule());
    assertEquals(List.of(5173L), f.context().treeListeningPorts());
    assertEquals(List.of(302L), f.context().treeListeners());
    assertEquals(List.of(), f.context().listenerHolders(), "the wrapper holds no socket itself");
  }

  @Test
  void aZombieAwaitingItsReaperIsLowAndOneWithALiveParentIsMedium() throws Exception {
    List<ProcessInfo> ps = base();
    ps.add(zombie(proc(400, 1, "done", 250, null)));
    ps.add(proc(401, 1, "make", 401, null)); // a daemon-like parent that forgot to wait()
    ps.add(zombie(proc(402, 401, "cc1", 401, null)));
    ScanResult r = scan(TestRules.shippedPlus(), ps, List.of());

    Finding adopted = r.findings().stream().filter(x -> x.process().pid() == 400).findFirst()
        .orElseThrow(() -> new AssertionError("findings: " + r.findings()));
    assertEquals(List.of("zombie-awaiting-reaper"), adopted.ruleIds());
    assertEquals(Severity.LOW, adopted.severity());
    assertEquals("systemd", adopted.evidence().get("parent_name"));
    Finding forgotten = r.findings().stream().filter(x -> x.process().pid() == 402).findFirst()
        .orElseThrow(() -> new AssertionError("findings: " + r.findings()));
    assertEquals("zombie", forgotten.rule());
    assertEquals(Severity.MEDIUM, forgotten.severity());
  }

  private static ProcessInfo zombie(ProcessInfo p) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), null, List.of(), p.user(), p.uid(),
        ProcState.ZOMBIE, p.startTimeMs(), 0, 0, null, 1, p.pgid(), p.sid(), null, p.cgroup(),
        false);
  }
}
