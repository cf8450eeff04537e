package io.procsweep.cleanup;

import com.google.re2j.Pattern;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Protection;
import io.procsweep.rules.RuleSet;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built processes, findings, scans and rule sets for planner and executor tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-11-21T12:00:00.000Z");
  static final Duration GRACE = Duration.ofSeconds(5);
  static final int SELF = 7000;
  static final int SHELL = 6990; // procsweep's parent
  static final int ME = 1000;

  static final CleanupSpec ORPHAN = new CleanupSpec(CleanupAction.TERMINATE,
      CleanupAction.KILL_TREE);
  static final CleanupSpec ZOMBIE = new CleanupSpec(CleanupAction.SIGNAL_PARENT,
      CleanupAction.TERMINATE_PARENT);

  private Fixtures() {}

  /** A sleeping process of the current user (alice, uid 1000). */
  static ProcessInfo proc(int pid, int ppid, String name) {
    return new ProcessInfo(pid, ppid, name, "/usr/bin/" + name, List.of(name, "--serve"),
        "alice", ME, ProcState.SLEEPING, NOW.toEpochMilli() - 3_600_000L + pid, 10, 5, 4096L, 1,
        pid, pid, null, "/user.slice", false);
  }

  static ProcessInfo state(ProcessInfo p, ProcState s) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        s, p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(), p.pgid(),
        p.sid(), p.tty(), p.cgroup(), p.kernelThread());
  }

  static ProcessInfo owner(ProcessInfo p, String user, Integer uid) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), user, uid,
        p.state(), p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(),
        p.pgid(), p.sid(), p.tty(), p.cgroup(), p.kernelThread());
  }

  static ProcessInfo cmdline(ProcessInfo p, List<String> cmdline) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), cmdline, p.user(), p.uid(),
        p.state(), p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(),
        p.pgid(), p.sid(), p.tty(), p.cgroup(), p.kernelThread());
  }

  static ProcessInfo kernelThread(int pid, String name) {
    return new ProcessInfo(pid, 2, name, null, List.of(), "root", 0, ProcState.IDLE,
        NOW.toEpochMilli() - 86_000_000L, 0, 0, null, 1, 0, 0, null, null, true);
  }

  static ProcessInfo startedAt(ProcessInfo p, long startTimeMs) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        p.state(), startTimeMs, p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(),
        p.pgid(), p.sid(), p.tty(), p.cgroup(), p.kernelThread());
  }

  static Finding finding(String rule, Severity severity, ProcessInfo p, CleanupSpec cleanup) {
    String category = rule.startsWith("zombie") ? "zombie" : "orphan";
    return new Finding(rule, category, severity, rule + " test", p, 3600, Map.of(), cleanup);
  }

  static ScanResult scan(List<ProcessInfo> processes, List<Finding> findings) {
    return scan(processes, findings, List.of());
  }

  /** With listening sockets, for port holders. */
  static ScanResult scan(List<ProcessInfo> processes, List<Finding> findings,
      List<io.procsweep.snapshot.Listener> listeners) {
    HostInfo host = new HostInfo("testhost", "Debian GNU/Linux 12", "6.1.0",
        NOW.toEpochMilli() - 86_400_000L, 2);
    Snapshot s = new Snapshot(NOW, "test", host, processes, listeners, List.of());
    return new ScanResult(NOW, 10, 0, s, findings, List.of());
  }

  static RuleSet rules(List<String> names, List<String> users, List<String> regexes) {
    return new RuleSet(List.of(), List.of("systemd", "tini"), List.of(),
        new Protection(names, users, regexes.stream().map(Pattern::compile).toList(), List.of()),
        List.of());
  }

  static RuleSet rules() {
    return rules(List.of("sshd"), List.of(), List.of());
  }

  static PlannerContext ctx(String platform) {
    return new PlannerContext(SELF, Set.of(SHELL, 1), ME, "alice", Set.of(), List.of(), false,
        platform, NOW);
  }

  static PlannerContext linux() {
    return ctx("linux");
  }

  static PlannerContext withProtected(Set<Integer> pids) {
    PlannerContext c = linux();
    return new PlannerContext(c.selfPid(), c.ancestors(), c.currentUid(), c.currentUser(), pids,
        c.stalePidfiles(), c.protectIncomplete(), c.platform(), c.now());
  }

  static PlannerContext withStale(List<StalePidfile> stale) {
    PlannerContext c = linux();
    return new PlannerContext(c.selfPid(), c.ancestors(), c.currentUid(), c.currentUser(),
        c.protectedPids(), stale, c.protectIncomplete(), c.platform(), c.now());
  }

  /** The policy the executor gets in tests: default rules, {@link #linux()}, no scope. */
  static Policy policy(Mode mode) {
    return Policy.of(rules(), linux(), mode, p -> true);
  }

  /** Runs {@code plan} against the fake table, which also answers the executor's fresh reads. */
  static Outcome execute(Plan plan, FakeControl control, AuditLog audit, FakeClock clock,
      io.procsweep.scan.Sleeper sleeper) {
    return new Executor(control, control, policy(plan.mode()), audit, clock, sleeper).run(plan);
  }
}
