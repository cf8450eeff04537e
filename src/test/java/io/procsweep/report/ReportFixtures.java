package io.procsweep.report;

import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.RuleSource;
import io.procsweep.rules.Severity;
import io.procsweep.scan.ActiveRule;
import io.procsweep.scan.Finding;
import io.procsweep.scan.Match;
import io.procsweep.scan.ProcessContext;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadFailure;
import io.procsweep.snapshot.Snapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A realistic, fixed scan built by hand: the same input for every writer test. */
final class ReportFixtures {
  static final long NOW_MS = Instant.parse("2025-03-01T12:00:00.000Z").toEpochMilli();
  static final long BOOT_MS = Instant.parse("2025-02-20T08:30:00.000Z").toEpochMilli();

  /** A zombie whose exe is gone: exe null. */
  static final ProcessInfo ZOMBIE =
      new ProcessInfo(4242, 4100, "defunct-worker", null, List.of(), "alice", 1000,
          ProcState.ZOMBIE, NOW_MS - 2 * 86_400_000L - 5_000, 120, 30, null, null, 4100, 3900,
          "pts/3", "/user.slice/user-1000.slice/session-4.scope", false);

  /** An orphaned dev server whose owner could not be read: user and uid null. */
  static final ProcessInfo UVICORN =
      new ProcessInfo(31337, 1, "uvicorn", "/usr/bin/python3.12",
          List.of("python3", "-m", "uvicorn", "app:main", "--port", "8000"), null, null,
          ProcState.SLEEPING, NOW_MS - 3 * 3_600_000L - 125_000 + 7, 15_000, 2_000,
          104_857_600L, 4, 31000, 30990, null, "/user.slice/user-1000.slice", false);

  /** A name and command line that try to drive the terminal; a name with a non-UTF-8 byte. */
  static final ProcessInfo EVIL =
      new ProcessInfo(666, 1, "evil\u001b]0;pwned\u0007\n\\xff", "/tmp/.x/evil",
          List.of("sh", "-c", "printf '\u001b[2J'; sleep 9999 \u202Etxt.exe\r\tdone"), "mallory",
          1001, ProcState.RUNNING, NOW_MS - 45_000, 40_000, 100, 2_048_000L, 1, 666, 666, null,
          null, false);

  /** A CPU spinner with a long command line, for truncation. */
  static final ProcessInfo SPIN =
      new ProcessInfo(2001, 1999, "node", "/usr/local/bin/node",
          List.of("node", "/home/alice/projects/webapp/node_modules/.bin/vite", "--host",
              "0.0.0.0", "--port", "5173", "--config", "/home/alice/projects/webapp/vite.config.ts",
              "--mode", "development"),
          "alice", 1000, ProcState.RUNNING, NOW_MS - 12 * 60_000L - 30_000, 700_000, 5_000,
          400_000_000L, 11, 1999, 1990, "pts/1", "/user.slice", false);

  /**
   * The dev server's context: its socket also held by a forked worker, a reloader child on a
   * second port, a working directory that tries to drive the terminal, a session without leader.
   */
  static final ProcessContext UVICORN_CONTEXT = new ProcessContext(List.of(8000L),
      List.of(8000L, 8001L), List.of(31337L, 31340L), "/home/alice/api\u001b[2J", 30990L, false,
      null);

  static final ProcessInfo INIT =
      new ProcessInfo(1, 0, "systemd", "/usr/lib/systemd/systemd",
          List.of("/sbin/init", "splash"), "root", 0, ProcState.SLEEPING, BOOT_MS + 300, 9_000,
          12_000, 13_000_000L, 1, 1, 1, null, "/init.scope", false);

  static final ProcessInfo KTHREAD =
      new ProcessInfo(2, 0, "kthreadd", null, List.of(), "root", 0, ProcState.SLEEPING,
          BOOT_MS + 301, 0, 10, null, null, 0, 0, null, null, true);

  static final String SHA_DEFAULT =
      "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";
  static final String SHA_DEV =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private ReportFixtures() {}

  static Snapshot snapshot() {
    return new Snapshot(
        Instant.parse("2025-03-01T11:59:59.600Z"),
        "proc",
        new HostInfo("build-07", "Debian GNU/Linux 12 (bookworm)", "6.1.0-31-amd64", BOOT_MS, 8),
        // Deliberately not in pid order: the snapshot writer sorts.
        List.of(UVICORN, EVIL, INIT, ZOMBIE, SPIN, KTHREAD),
        List.of(
            new Listener("tcp", "0.0.0.0", 8000, 31337, 918_273L),
            new Listener("tcp6", "::", 5173, null, 918_300L),
            new Listener("udp", "127.0.0.1", 5353, 600, null)),
        List.of(
            new ReadFailure(778, "cmdline", "process exited"),
            new ReadFailure(777, "exe", "access denied")));
  }

  static List<Finding> findings() {
    Map<String, Object> zombieEvidence = new LinkedHashMap<>();
    zombieEvidence.put("state", "zombie");
    zombieEvidence.put("age_seconds", 172_805L);
    zombieEvidence.put("parent_alive", true);
    zombieEvidence.put("state_seconds", null);

    Map<String, Object> spinEvidence = new LinkedHashMap<>();
    spinEvidence.put("cpu_percent", 99.456);
    spinEvidence.put("cpu_lifetime_percent", 12.0);
    spinEvidence.put("high_cpu_seconds", 0.005);
    spinEvidence.put("threads", 11L);

    Map<String, Object> orphanEvidence = new LinkedHashMap<>();
    orphanEvidence.put("reparented", true);
    orphanEvidence.put("daemon_like", false);
    orphanEvidence.put("name", "uvicorn");
    orphanEvidence.put("listening_ports", List.of(8000L));
    orphanEvidence.put("args", List.of("python3", "-m", "uvicorn"));
    orphanEvidence.put("session_leader_alive", null);

    Map<String, Object> evilEvidence = new LinkedHashMap<>();
    evilEvidence.put("name", EVIL.name());
    evilEvidence.put("tty", null);
    evilEvidence.put("children", 0L);
    evilEvidence.put("mixed", Arrays.asList(1L, 2.5, "x", null, false));

    // In ScanResult order: severity descending, then rule, then pid.
    return List.of(
        new Finding("zombie", "zombie", Severity.HIGH, "exited but not reaped by its parent",
            ZOMBIE, 172_805, zombieEvidence,
            new CleanupSpec(CleanupAction.SIGNAL_PARENT, CleanupAction.TERMINATE_PARENT)),
        new Finding("hung-cpu", "hung", Severity.MEDIUM, "spinning a full core", SPIN, 750,
            spinEvidence, new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.KILL_TREE)),
        new Finding(UVICORN, 10_925, List.of(
                new Match("orphaned-dev-server", "orphan", Severity.MEDIUM,
                    "development server reparented out of the session that started it",
                    new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.KILL_TREE)),
                new Match("orphan-lost-session", "orphan", Severity.MEDIUM,
                    "reparented, and the leader of the session that started it has exited",
                    new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.KILL_TREE))),
            orphanEvidence, UVICORN_CONTEXT),
        new Finding("suspicious-name", "custom", Severity.LOW, "name holds control characters",
            EVIL, 45, evilEvidence, CleanupSpec.NONE));
  }

  /**
   * The rules the scan evaluated, in file order: the fixture findings' rules, and two that
   * found nothing (one in a category with findings, one in a category of its own).
   */
  static final List<ActiveRule> RULES = List.of(
      new ActiveRule("zombie", "zombie", Severity.HIGH, "exited but not reaped by its parent"),
      new ActiveRule("zombie-hoarder", "zombie", Severity.HIGH, "a parent with many zombies"),
      new ActiveRule("orphaned-dev-server", "orphan", Severity.MEDIUM,
          "development server reparented out of the session that started it"),
      new ActiveRule("orphan-lost-session", "orphan", Severity.MEDIUM,
          "reparented, and the leader of the session that started it has exited"),
      new ActiveRule("stale-listener", "stale-listener", Severity.MEDIUM, null),
      new ActiveRule("hung-cpu", "hung", Severity.MEDIUM, "spinning a full core"),
      new ActiveRule("suspicious-name", "custom", Severity.LOW, "name holds control characters"));

  static ScanResult result(List<Finding> findings) {
    return new ScanResult(
        Instant.parse("2025-03-01T11:59:59.500123456Z"),
        412,
        500,
        snapshot(),
        findings,
        List.of(new RuleSource("builtin:rules/default.yaml", SHA_DEFAULT),
            new RuleSource("rules/dev.yaml", SHA_DEV)),
        RULES);
  }

  /** Four findings, gate at high, failed. */
  static Report report() {
    return new Report("0.1.0-test", result(findings()), Severity.HIGH, true);
  }

  /** No findings, gate off. */
  static Report emptyReport() {
    return new Report("0.1.0-test", result(List.of()), null, false);
  }
}
