package io.procsweep.cleanup;

import java.time.Duration;
import java.time.Instant;
import io.procsweep.rules.RuleSource;
import java.util.List;
import java.util.Objects;

/**
 * What cleanup will do ({@value #SCHEMA}): one action per signalled process (the zombies of one
 * parent share their parent's action), process actions by pid, then pid-file actions by path.
 * Saved by {@code plan}, carried out later by {@code clean}: that is why every target carries
 * its identity.
 *
 * @param host the host name the scan ran on (a plan is only valid there)
 * @param platform {@code linux}, {@code macos}, {@code windows} or {@code other}
 * @param ruleSets the rule files the plan was made with, by sha256: a saved plan is carried
 *     out only with the same rules
 */
public record Plan(Mode mode, Instant createdAt, Duration grace, String host, String platform,
    List<Action> actions, List<RuleSource> ruleSets) {
  public static final String SCHEMA = "procsweep/plan/v1";

  public Plan {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(platform, "platform");
    actions = List.copyOf(actions);
    ruleSets = List.copyOf(ruleSets);
  }

  /** A plan whose rule sets are not recorded (hand-built plans in tests and dry runs). */
  public Plan(Mode mode, Instant createdAt, Duration grace, String host, String platform,
      List<Action> actions) {
    this(mode, createdAt, grace, host, platform, actions, List.of());
  }

  /** How many processes the plan would signal (kill-tree members and zombies' parents count). */
  public int signalledProcesses() {
    return actions.stream().mapToInt(a -> a.processes().size()).sum();
  }
}
