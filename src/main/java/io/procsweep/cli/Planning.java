package io.procsweep.cli;

import io.procsweep.cleanup.LiveProcesses;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.PidFiles;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.Planner;
import io.procsweep.cleanup.PlannerContext;
import io.procsweep.cleanup.Policy;
import io.procsweep.cleanup.StalePidfile;
import io.procsweep.facts.FactRegistry;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.platform.ProcessControl;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.SnapshotSources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

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
    FactRegistry facts = FactRegistry.standard();
    RuleSet rules = settings.scan.loadRules(facts);
    ScanResult result = settings.scan.scan(rules, facts);
    // Pid-file globs are relative to where procsweep runs, like the process managers that
    // write them (.run/*.pid).
    PidFiles pidFiles = new PidFiles(Path.of(""), control::identity);
    Set<Integer> registered = pidFiles.protectedPids(rules.protect().pidfiles());
    List<StalePidfile> stale = pidFiles.stale(rules.pidfiles());
    PlannerContext ctx = PlannerContext.forThisProcess(control.currentUid(), registered, stale,
        false, Clock.systemUTC().instant());
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
          + " --max-targets " + maxTargets + "; narrow it (--pid, --match, --user,"
          + " --descendants-of, --rule) or raise --max-targets");
    }
  }
}
