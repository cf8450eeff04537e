package io.procsweep.cli;

import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.Planner;
import io.procsweep.cleanup.PlannerContext;
import io.procsweep.cleanup.pidfile.PidFiles;
import io.procsweep.cleanup.pidfile.PidfileScan;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.facts.FactRegistry;
import io.procsweep.platform.ProcessControl;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.ScanResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What plan and clean share: the scan settings, the mode and the grace period. */
final class PlanSettings {
  @Mixin ScanSettings scan = new ScanSettings();

  @Option(names = "--mode", paramLabel = "safe|forced",
      description = "safe: SIGCHLD to a zombie's parent, SIGTERM to the rest, own processes only,"
          + " no escalation. forced: SIGTERM, wait, SIGTERM, wait, SIGKILL over the process tree,"
          + " a zombie's parent terminated.")
  String mode;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "5s",
      converter = DurationConverter.class,
      description = "How long to wait for a process to exit after each signal."
          + " Default: ${DEFAULT-VALUE}.")
  Duration grace = Duration.ofSeconds(5);

  Mode mode() {
    if (mode == null) {
      throw new UserException("--mode is needed: safe or forced");
    }
    Mode m = Mode.fromLabel(mode);
    if (m == null) {
      throw new UserException("--mode '" + mode + "' is not a mode (use safe or forced)");
    }
    return m;
  }

  /** Scans and plans: the fresh plan {@code plan} prints and {@code clean} carries out. */
  Plan freshPlan(ProcessControl control) throws Exception {
    Mode m = mode();
    FactRegistry facts = FactRegistry.standard();
    RuleSet rules = scan.loadRules(facts);
    ScanResult result = scan.scan(rules, facts);
    // Relative pid-file globs resolve against their rule file's directory (PidfileGlob).
    PidfileScan pidfiles = new PidFiles(control::identity)
        .scan(rules.pidfiles(), rules.protect().pidfiles());
    Set<Integer> registered = pidfiles.protectedPids();
    List<StalePidfile> stale = pidfiles.stale();
    PlannerContext ctx = PlannerContext.forThisProcess(control.currentUid(), registered, stale,
        Clock.systemUTC().instant());
    return new Planner().plan(result, rules, m, grace, ctx);
  }
}
