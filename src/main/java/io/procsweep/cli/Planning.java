package io.procsweep.cli;

import io.procsweep.cleanup.LiveProcesses;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.pidfile.PidFiles;
import io.procsweep.cleanup.pidfile.PidfileScan;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.Planner;
import io.procsweep.cleanup.PlannerContext;
import io.procsweep.cleanup.Step;
import io.procsweep.cleanup.Policy;
import io.procsweep.facts.FactRegistry;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.platform.ProcessControl;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.SnapshotSources;
import java.time.Clock;
import java.time.Duration;

/**
 * The stages plan and clean share, run in order: load rules, scan, read pid files, decide the
 * policy, plan. The policy that planned is the one the executor gets, so a fresh plan and its
 * execution are judged by the same rules.
 */
final class Planning {

  /** A plan with everything needed to carry it out under the same policy. */
  record Prepared(Plan plan, Policy policy, LiveProcesses live) {}

  private Planning() {}

  static Prepared prepare(PlanSettings settings, Mode mode, ProcessControl control)
      throws Exception {
    return prepare(settings, mode, settings.grace, control);
  }

  /** @param grace the wait per rung (a saved plan's own, when reconciling with it) */
  static Prepared prepare(PlanSettings settings, Mode mode, Duration grace,
      ProcessControl control) throws Exception {
    if (grace.toMillis() > Step.MAX_WAIT_MS) {
      throw new UserException("--grace " + grace.toSeconds() + "s is longer than the one hour"
          + " a rung may wait");
    }
    FactRegistry facts = FactRegistry.standard();
    RuleSet rules = settings.scan.loadRules(facts);
    ScanResult result = settings.scan.scan(rules, facts);
    // Relative pid-file globs resolve against their rule file's directory (PidfileGlob).
    PidfileScan pidfiles = new PidFiles(control::identity)
        .scan(rules.pidfiles(), rules.protect().pidfiles());
    PlannerContext ctx = PlannerContext.forThisProcess(control.currentUid(),
        pidfiles.protectedPids(), pidfiles.stale(), pidfiles.protectIncomplete(),
        Clock.systemUTC().instant());
    Policy policy = Policy.of(rules, ctx, mode, settings.scan.scopeOptions.toScope()
        .admits(new SnapshotIndex(result.snapshot())));
    Plan plan = new Planner().plan(result, policy, grace, ctx);
    LiveProcesses live = LiveProcesses.of(SnapshotSources.create(settings.scan.backend));
    return new Prepared(plan, policy, live);
  }

  /** DESIGN §7's blast radius: more processes than --max-targets is a usage error. */
  static void checkBlastRadius(Plan plan, int maxTargets) {
    int n = plan.signalledProcesses();
    if (n > maxTargets) {
      throw new UserException("the plan would signal " + n + " processes, more than"
          + " --max-targets " + maxTargets + "; narrow it (--pid, --port, --match, --user,"
          + " --descendants-of, --rule) or raise --max-targets");
    }
  }
}
