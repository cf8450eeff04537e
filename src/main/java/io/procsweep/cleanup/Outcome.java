package io.procsweep.cleanup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What cleanup did ({@value #SCHEMA}): one entry per planned target, in plan order (a parent's
 * action for several zombies has one entry per zombie, sharing the parent's signals).
 *
 * @param dryRun true when nothing was signalled ({@code --dry-run})
 * @param interrupted true when SIGINT, SIGTERM or SIGHUP stopped the run before its end
 * @param mechanism how signals were sent ({@code pidfd}, {@code kill}, {@code win32}; {@code
 *     none} for a dry run)
 */
public record Outcome(Mode mode, boolean dryRun, boolean interrupted, Instant startedAt, Instant finishedAt,
    String host, String mechanism, List<TargetOutcome> targets) {
  public static final String SCHEMA = "procsweep/outcome/v1";

  /** DESIGN §9: cleanup finished but some targets survived or failed (cli.ExitCode uses it). */
  public static final int INCOMPLETE = 4;

  /** Cleanup was interrupted (SIGINT, SIGTERM, SIGHUP) before it finished: 128 + SIGINT. */
  public static final int INTERRUPTED = 130;

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
   * True when every target ended, was removed, or was kept or skipped for a reason that needs
   * no attention; false when any survived, failed, was refused, denied or unreadable (it may
   * still run), or was left undone by an interrupt. The CLI maps this to its exit code.
   */
  public boolean complete() {
    return !interrupted && targets.stream().noneMatch(TargetOutcome::failed);
  }

  /** 0 when {@link #complete()}, {@value #INTERRUPTED} when interrupted, else 4. */
  public int exitCode() {
    return interrupted ? INTERRUPTED : complete() ? 0 : INCOMPLETE;
  }
}
