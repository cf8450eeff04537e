package io.procsweep.cleanup;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What happened to one planned target.
 *
 * @param action the plan's action kind
 * @param target the process; null for pid-file actions
 * @param pidfile the pid file's path; null for process actions
 * @param reason why it was skipped or kept (a {@link KeepReason} or signal result label); null
 *     when it ended as planned
 * @param message a sentence for people, or null
 * @param signals every signal tried for it, in order
 */
public record TargetOutcome(String action, Target target, String pidfile, Cause cause,
    Status status, String reason, String message, List<SignalRecord> signals) {

  /** Skip reasons that leave the job undone: exit code 4. */
  static final Set<String> FAILED_SKIPS = Set.of("denied", "unreadable", "aborted", "interrupted",
      "refused", "protection-unknown");

  public TargetOutcome {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(status, "status");
    signals = List.copyOf(signals);
  }

  /** The same entry with another status and reason (used when a run stops early). */
  TargetOutcome with(Status newStatus, String newReason, String newMessage) {
    return new TargetOutcome(action, target, pidfile, cause, newStatus, newReason, newMessage,
        signals);
  }

  /** Whether this target makes cleanup incomplete (exit code 4). */
  public boolean failed() {
    return status == Status.SURVIVED || status == Status.ERROR
        // Fail-closed skips and runs cut short: the process may well still be there, and
        // nobody decided to keep it.
        || (status == Status.SKIPPED && FAILED_SKIPS.contains(reason));
  }
}
