package io.procsweep.cleanup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What cleanup will do ({@value #SCHEMA}): one action per target, process actions by pid, then
 * pid-file actions by path. Saved by {@code plan}, carried out later by {@code clean}: that is
 * why every target carries its identity.
 *
 * @param host the host name the scan ran on (a plan is only valid there)
 * @param platform {@code linux}, {@code macos}, {@code windows} or {@code other}
 */
public record Plan(Mode mode, Instant createdAt, Duration grace, String host, String platform,
    List<Action> actions) {
  public static final String SCHEMA = "procsweep/plan/v1";

  public Plan {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(platform, "platform");
    actions = List.copyOf(actions);
  }
}
