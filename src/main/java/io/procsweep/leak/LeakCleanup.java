package io.procsweep.leak;

import io.procsweep.cleanup.AuditLog;
import io.procsweep.cleanup.Executor;
import io.procsweep.cleanup.Interruption;
import io.procsweep.cleanup.LiveProcesses;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.Planner;
import io.procsweep.cleanup.PlannerContext;
import io.procsweep.cleanup.Policy;
import io.procsweep.cleanup.pidfile.PidFiles;
import io.procsweep.cleanup.pidfile.PidfileScan;
import io.procsweep.platform.ProcessControl;
import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.RuleSet;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.scan.Sleeper;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.SnapshotSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ends leaked processes through the cleanup machinery, never around it: each leak becomes a
 * finding of the pseudo-rule {@value #RULE}, planned in forced mode (kill-tree: the tree is
 * frozen, then SIGTERM, SIGTERM, SIGKILL) under a policy scoped to exactly the leaked processes
 * (pid and start time), with the rule sets' protection, protected pid files, identity checks
 * before every signal and the audit log.
 */
public final class LeakCleanup {
  public static final String RULE = "procsweep-run-leak";

  private final ProcessControl control;
  private final SnapshotSource source;
  private final RuleSet rules;
  private final Duration grace;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Interruption interruption;

  /** @param rules for {@code protect:}, protected pid files and subreapers, not for matching */
  public LeakCleanup(ProcessControl control, SnapshotSource source, RuleSet rules,
      Duration grace, Clock clock, Sleeper sleeper, Interruption interruption) {
    this.control = control;
    this.source = source;
    this.rules = rules;
    this.grace = grace;
    this.clock = clock;
    this.sleeper = sleeper;
    this.interruption = interruption;
  }

  /** The plan that would end {@code leaks}, as read now; those already gone are not in it. */
  public Prepared plan(List<Leak> leaks) throws SnapshotException {
    Instant now = clock.instant();
    Set<ProcessKey> keys = leaks.stream().map(l -> l.process().key()).collect(Collectors.toSet());
    Snapshot snapshot = source.read(false);
    List<Finding> findings = new ArrayList<>();
    CleanupSpec spec = new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.KILL_TREE);
    for (ProcessInfo p : snapshot.processes()) {
      if (keys.contains(p.key())) {
        long age = Math.max(0, (now.toEpochMilli() - p.startTimeMs()) / 1000);
        findings.add(new Finding(RULE, "leak", Severity.HIGH,
            "left running by the command procsweep run wrapped", p, age, Map.of(), spec));
      }
    }
    PidfileScan pidfiles = new PidFiles(control::identity)
        .scan(List.of(), rules.protect().pidfiles());
    PlannerContext ctx = PlannerContext.forThisProcess(control.currentUid(),
        pidfiles.protectedPids(), List.of(), pidfiles.protectIncomplete(), now);
    Policy policy = Policy.of(rules, ctx, Mode.FORCED, p -> keys.contains(p.key()));
    ScanResult scan = new ScanResult(now, 0, 0, snapshot, findings, rules.sources());
    return new Prepared(new Planner().plan(scan, policy, grace, ctx), policy);
  }

  /** A plan and the policy the executor must judge it by. */
  public record Prepared(Plan plan, Policy policy) {}

  /** Carries out a plan from {@link #plan}, writing every signal to {@code audit}. */
  public Outcome run(Prepared prepared, AuditLog audit) {
    return new Executor(control, LiveProcesses.of(source), prepared.policy(), audit, clock,
        sleeper, interruption).run(prepared.plan());
  }
}
