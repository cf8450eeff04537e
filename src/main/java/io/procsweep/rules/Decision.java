package io.procsweep.rules;

/**
 * A condition judged on facts of which some were not read (Kleene's three-valued logic): it
 * holds or fails whatever the unread facts turn out to be, or it depends on them.
 */
public enum Decision {
  HOLDS,
  FAILS,
  /** The outcome depends on a fact whose sources this read skipped. */
  NEEDS_READ;

  static Decision of(boolean holds) {
    return holds ? HOLDS : FAILS;
  }

  Decision negate() {
    return switch (this) {
      case HOLDS -> FAILS;
      case FAILS -> HOLDS;
      case NEEDS_READ -> NEEDS_READ;
    };
  }
}
