package io.procsweep.cleanup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What cleanup did ({@value #SCHEMA}): one entry per planned target, in plan order.
 *
 * @param dryRun true when nothing was signalled ({@code --dry-run})
 * @param mechanism how signals were sent ({@code pidfd}, {@code kill}, {@code win32}; {@code
 *     none} for a dry run)
 */
public record Outcome(Mode mode, boolean dryRun, Instant startedAt, Instant finishedAt,
    String host, String mechanism, List<TargetOutcome> targets) {
  public static final String SCHEMA = "procsweep/outcome/v1";

  /** DESIGN §9: cleanup finished but some targets survived or failed. */
  public static final int INCOMPLETE = 4;

  public Outcome {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(mechanism, "mechanism");
    targets = List.copyOf(targets);
  }

  public Counts counts() {
    return Counts.of(targets);
  }

  /**
   * 0 when every target ended, was removed, or was kept or skipped for a reason that needs no
   * attention; 4 when any survived, failed, or was denied or unreadable (it may still run).
   */
  public int exitCode() {
    return targets.stream().anyMatch(TargetOutcome::failed) ? INCOMPLETE : 0;
  }
}
