package io.procsweep.rules;

/** The cleanup a rule proposes in each mode. */
public record CleanupSpec(CleanupAction safe, CleanupAction forced) {
  public static final CleanupSpec NONE = new CleanupSpec(CleanupAction.NONE, CleanupAction.NONE);
}
