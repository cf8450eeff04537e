package io.procsweep.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.rules.RuleSet;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadPlan;
import io.procsweep.snapshot.ReadPlan.Source;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotSource;
import io.procsweep.testing.TestRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a scan reads: its rules' facts and what it always needs; the rest for findings only. */
class ScannerReadPlanTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private static final long STARTED = NOW.toEpochMilli() - 3_600_000;

  /** An orphan out of a gone session, with everything a full read gives. */
  private static ProcessInfo orphan() {
    return new ProcessInfo(300, 1, "server", "/usr/bin/server", List.of("server"), "alice", 1000,
        ProcState.SLEEPING, STARTED, 10, 10, 1L << 20, 1, 300, 250, null,
        "/user.slice/session-3.scope", false, "/home/alice/project",
        List.of("pipe", "pipe", "pipe"), 4026531836L, List.of(300),
        Map.of("CI_JOB_ID", "77"));
  }

  private static ProcessInfo init() {
    return new ProcessInfo(1, 0, "systemd", "/sbin/init", List.of("/sbin/init"), "root", 0,
        ProcState.SLEEPING, STARTED, 10, 10, 1L << 20, 1, 1, 1, null, "/init.scope", false, "/",
        List.of("null", "null", "null"), 4026531836L, List.of(1), Map.of());
  }

  /** A process as a full read gives it, for the table of a test. */
  private static ProcessInfo process(int pid, int ppid, String name, ProcState state, int pgid,
      int sid, String tty, String cgroup, String cwd, List<String> stdio) {
    return new ProcessInfo(pid, ppid, name, "/usr/bin/" + name, List.of(name), "alice", 1000,
        state, STARTED, 10, 10, 1L << 20, 1, pgid, sid, tty, cgroup, false, cwd, stdio,
        4026531836L, List.of(pid), Map.of());
  }

  /** {@code process}, with the pids it has in its nested pid namespaces too. */
  private static ProcessInfo nested(ProcessInfo p, List<Integer> nsPids) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        p.state(), p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(),
        p.pgid(), p.sid(), p.tty(), p.cgroup(), p.kernelThread(), p.cwd(), p.stdio(),
        p.pidNamespace(), nsPids, p.ciMarkers());
  }

  private static final List<String> PIPES = List.of("pipe", "pipe", "pipe");
  private static final List<String> DEV_NULL = List.of("null", "null", "null");

  /**
   * init, the orphan, and what a machine also has: a login shell and its job, a service, the
   * daemon(3) double fork, a setsid daemon, an orphan whose stdio could not be read, one with a
   * live session, a stopped job, a zombie, and a container shim (a subreaper) with the
   * container's init in the shim's own group and session, and a job of the shell's session it
   * adopted.
   */
  private static List<ProcessInfo> machine() {
    return List.of(init(), orphan(),
        process(400, 1, "sshd", ProcState.SLEEPING, 400, 400, null,
            "/system.slice/ssh.service", "/", DEV_NULL),
        process(410, 400, "bash", ProcState.SLEEPING, 410, 410, "pts/0",
            "/user.slice/session-1.scope", "/home/alice", List.of("tty", "tty", "tty")),
        process(411, 410, "make", ProcState.SLEEPING, 411, 410, "pts/0",
            "/user.slice/session-1.scope", "/home/alice/src", List.of("tty", "tty", "tty")),
        process(412, 410, "vim", ProcState.STOPPED, 412, 410, "pts/0",
            "/user.slice/session-1.scope", "/home/alice/src", List.of("tty", "tty", "tty")),
        process(413, 411, "cc", ProcState.ZOMBIE, 411, 410, "pts/0", null, null, null),
        process(500, 1, "nginx", ProcState.SLEEPING, 499, 499, null,
            "/user.slice/session-3.scope", "/", DEV_NULL),
        process(510, 1, "agent", ProcState.SLEEPING, 510, 510, null,
            "/user.slice/session-3.scope", "/opt", PIPES),
        process(520, 1, "worker", ProcState.SLEEPING, 411, 410, "pts/0",
            "/user.slice/session-1.scope", "/home/alice/src", null),
        process(530, 1, "watcher", ProcState.SLEEPING, 411, 410, "pts/0",
            "/user.slice/session-1.scope", "/home/alice/src", PIPES),
        process(600, 1, "containerd-shim", ProcState.SLEEPING, 600, 600, null,
            "/system.slice/containerd.service", "/", DEV_NULL),
        nested(process(601, 600, "nginx", ProcState.SLEEPING, 600, 600, null,
            "/system.slice/docker-0a1b.scope", "/", PIPES), List.of(601, 1)),
        process(602, 600, "tail", ProcState.SLEEPING, 411, 410, "pts/0",
            "/user.slice/session-1.scope", "/home/alice/src", PIPES));
  }

  /** A fake backend that honours plans: what a plan leaves out is null. */
  private static final class Recording implements SnapshotSource {
    final List<ReadPlan> plans = new ArrayList<>();
    final List<Integer> completedPids = new ArrayList<>();
    final List<ProcessInfo> table;

    Recording() {
      this(List.of(init(), orphan()));
    }

    Recording(List<ProcessInfo> table) {
      this.table = table;
    }

    @Override
    public String name() {
      return "test";
    }

    @Override
    public Snapshot read(boolean withListeners) {
      return read(ReadPlan.all(withListeners));
    }

    @Override
    public Snapshot read(ReadPlan plan) {
      plans.add(plan);
      List<ProcessInfo> ps = new ArrayList<>();
      for (ProcessInfo full : table) {
        ps.add(plan.fill(full, blank(full)));
      }
      return new Snapshot(NOW, "test", new HostInfo("h", "linux", "6", 0, 2), ps, List.of(),
          List.of());
    }

    @Override
    public Optional<ProcessInfo> readProcess(int pid) {
      completedPids.add(pid);
      return table.stream().filter(p -> p.pid() == pid).findFirst();
    }
  }

  private static ProcessInfo blank(ProcessInfo p) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), null, List.of(), null, null, p.state(),
        p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(), p.pgid(),
        p.sid(), p.tty(), null, p.kernelThread(), null, null, null, null, null);
  }

  private static Scanner scanner(SnapshotSource source, RuleSet rules) {
    return new Scanner(source, rules,
        new FactDeriver(FactRegistry.standard(), new HashSet<>(rules.subreapers()), "linux"),
        Clock.fixed(NOW, ZoneOffset.UTC), d -> { });
  }

  @Test
  void theShippedRulesReadWhatTheirFactsNeedAndNotTheRest() throws Exception {
    ReadPlan plan = scanner(new Recording(), TestRules.shippedPlus()).readPlan(Scope.ALL);
    // daemon_like: cgroup, stdio, cwd; reparented: NSpid; always: uid, cmdline, listeners.
    assertEquals(EnumSet.of(Source.UID, Source.CMDLINE, Source.LISTENERS, Source.NSPIDS,
        Source.CGROUP, Source.STDIO, Source.CWD), plan.sources());
  }

  @Test
  void aRuleOnOneFactAddsWhatThatFactReadsAndTheScopeAddsWhatItTests() throws Exception {
    RuleSet onExe = TestRules.shippedPlus("""
        version: 1
        rules:
          - id: odd-exe
            category: custom
            severity: low
            when: { exe: { regex: '^/tmp/' } }
        """);
    Scope onlyOdd = new Scope(Set.of(), Set.of(), null, Set.of(), Set.of(), Set.of("odd-exe"));
    ReadPlan plan = scanner(new Recording(), onExe).readPlan(onlyOdd);
    assertEquals(EnumSet.of(Source.UID, Source.CMDLINE, Source.LISTENERS, Source.EXE),
        plan.sources());
    assertTrue(scanner(new Recording(), onExe).readPlan(Scope.repo("/src/app", Set.of()))
        .has(Source.CWD), "--repo tests the working directory");
  }

  @Test
  void theFirstReadOfACpuSampleReadsStatAloneAndTheSecondThePlan() throws Exception {
    Recording source = new Recording();
    Scanner s = scanner(source, TestRules.shippedPlus());
    s.scan(Duration.ofMillis(1), Scope.ALL, null);
    assertEquals(List.of(ReadPlan.STAT_ONLY, s.firstReadPlan(Scope.ALL)), source.plans);
  }

  @Test
  void theFirstReadLeavesWhatOnlySomeRulesAskForAndTheScopeKeepsWhatItTests() throws Exception {
    Scanner s = scanner(new Recording(), TestRules.shippedPlus());
    // daemon_like's cgroup, stdio and cwd, and reparented's NSpid, wait for the processes the
    // orphan rules still ask about.
    assertEquals(EnumSet.of(Source.UID, Source.CMDLINE, Source.LISTENERS),
        s.firstReadPlan(Scope.ALL).sources());
    assertTrue(s.firstReadPlan(Scope.repo("/src/app", Set.of())).has(Source.CWD),
        "--repo tests every process's working directory");
  }

  @Test
  void onlyTheProcessesWhoseRulesDependOnWhatWasSkippedAreReadAgain() throws Exception {
    Recording source = new Recording(machine());
    ScanResult r = scanner(source, TestRules.shippedPlus()).scan(Duration.ZERO, Scope.ALL, null);
    // Adopted by init outside a session of their own, the orphan rules need daemon_like: the
    // orphan, the double-fork daemon, the two adopted jobs. The shim's two children need NSpid
    // too (is it the container's init?). The zombie matches on stat alone and is read in full
    // for the report. The rest is decided on the first read: init, sshd, the shim and the
    // setsid agent (session leaders), the shell and its jobs (not adopted; the stopped vim
    // excused by its live terminal session).
    Set<Integer> again = new HashSet<>(source.completedPids);
    assertEquals(Set.of(300, 413, 500, 520, 530, 601, 602), again, "" + r.findings());
    assertEquals(source.completedPids.size(), again.size(), "each read again once");
    assertEquals(1, source.plans.size(), "one walk of the table");
  }

  @Test
  void leavingReadsForLaterChangesNoFinding() throws Exception {
    Recording deferred = new Recording(machine());
    Recording full = new Recording(machine());
    List<Finding> later = scanner(deferred, TestRules.shippedPlus())
        .scan(Duration.ZERO, Scope.ALL, null).findings();
    List<Finding> all = scanner(full, TestRules.shippedPlus())
        .examine(Duration.ZERO, Scope.ALL, null, null).result().findings();
    assertEquals(List.of(ReadPlan.ALL), full.plans);
    assertEquals(summary(all), summary(later));
    // The table has what each kind of judgement needs: matches, and daemons that are not; the
    // container's init (601) is no orphan of its shim, the job the shim adopted (602) is.
    assertEquals(Set.of(300, 413, 520, 530, 602), summary(later).keySet());
  }

  @Test
  void aSubreapersChildIsJudgedOnItsNSpidThoughTheFirstReadLeftItOut() throws Exception {
    // Only NSpid tells the container's init (not adopted) from a process the shim adopted; a
    // rule asking for the former must not fail on a first read that has no NSpid yet.
    RuleSet containerInits = TestRules.shippedPlus("""
        version: 1
        rules:
          - id: kept-by-its-shim
            category: custom
            severity: low
            when:
              all:
                - { reparented: false }
                - { parent_name: containerd-shim }
        """);
    Scope only =
        new Scope(Set.of(), Set.of(), null, Set.of(), Set.of(), Set.of("kept-by-its-shim"));
    Recording source = new Recording(machine());
    ScanResult r = scanner(source, containerInits).scan(Duration.ZERO, only, null);
    assertFalse(source.plans.get(0).has(Source.NSPIDS), "the first read leaves NSpid out");
    assertEquals(List.of(601), r.findings().stream().map(f -> f.process().pid()).toList());
    assertEquals(Set.of(601, 602), new HashSet<>(source.completedPids),
        "NSpid is read for the shim's children alone");
  }

  /** Each finding's rules, evidence and process, by pid. */
  private static Map<Integer, List<Object>> summary(List<Finding> findings) {
    Map<Integer, List<Object>> out = new java.util.TreeMap<>();
    for (Finding f : findings) {
      out.put(f.process().pid(), List.of(f.matches().stream().map(Match::rule).toList(),
          f.evidence().toString(), f.process()));
    }
    return out;
  }

  @Test
  void aFindingsProcessIsCompletedWithWhatThePlanDidNotRead() throws Exception {
    Recording source = new Recording();
    ScanResult r = scanner(source, TestRules.shippedPlus()).scan(Duration.ZERO, Scope.ALL, null);
    assertEquals(1, r.findings().size(), "" + r.findings());
    Finding f = r.findings().get(0);
    assertEquals(300, f.process().pid());
    assertEquals(List.of(300), source.completedPids, "only the finding's process is read again");
    // The plan read no exe and no environment; the report shows them all the same.
    assertEquals(orphan(), f.process());
    assertEquals("77", f.context().ciJob() == null ? null : f.context().ciJob().split(":")[1]);
    ProcessInfo inSnapshot = r.snapshot().processes().stream().filter(p -> p.pid() == 300)
        .findFirst().orElseThrow();
    assertEquals("/usr/bin/server", inSnapshot.exe());
    // Processes without a finding keep what the plan read, and nothing more.
    ProcessInfo initRead = r.snapshot().processes().stream().filter(p -> p.pid() == 1)
        .findFirst().orElseThrow();
    assertNull(initRead.exe());
    assertFalse(source.plans.get(0).has(Source.EXE));
  }

  @Test
  void explainReadsEverything() throws Exception {
    Recording source = new Recording();
    scanner(source, TestRules.shippedPlus()).examine(Duration.ZERO, Scope.ALL, null, null);
    assertEquals(List.of(ReadPlan.ALL), source.plans);
    assertEquals(List.of(), source.completedPids);
  }
}
