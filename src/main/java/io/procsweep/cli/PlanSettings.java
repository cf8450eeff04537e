package io.procsweep.cli;

import io.procsweep.cleanup.Mode;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What plan and clean share: the scan settings, the mode, the grace period, the blast radius. */
final class PlanSettings {
  /** Enough for a leaked test run or a dev session; a rule that matches everything is not. */
  static final int DEFAULT_MAX_TARGETS = 25;

  @Mixin ScanSettings scan = new ScanSettings();

  /** --mode's help; plan requires it, clean unless --plan (each declares the option). */
  static final String MODE_HELP = "safe: SIGCHLD to a zombie's parent, SIGTERM to the rest,"
      + " own processes only, no escalation, never SIGKILL. forced: SIGTERM, wait, SIGTERM,"
      + " wait, SIGKILL over the process tree (frozen with SIGSTOP first), a zombie's parent"
      + " terminated.";

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "5s",
      converter = DurationConverter.class,
      description = "How long to wait for a process to exit after each signal."
          + " Default: ${DEFAULT-VALUE}.")
  Duration grace = Duration.ofSeconds(5);

  @Option(names = "--max-targets", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_TARGETS,
      description = "Refuse a plan that would signal more than N processes (kill-tree members"
          + " and zombies' parents count). Default: ${DEFAULT-VALUE}.")
  int maxTargets = DEFAULT_MAX_TARGETS;

  /** The mode {@code --mode} asked for, or null when it was not given. */
  static Mode modeOrNull(String mode) {
    if (mode == null) {
      return null;
    }
    Mode m = Mode.fromLabel(mode);
    if (m == null) {
      throw new UserException("--mode '" + mode + "' is not a mode (use safe or forced)");
    }
    return m;
  }
}
