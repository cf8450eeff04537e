package io.procsweep.cleanup;

/** How one target ended up. */
public enum Status {
  /** It is gone (a zombie: reaped) after our signals. */
  TERMINATED("terminated"),
  /** A stale pid file was deleted. */
  REMOVED("removed"),
  /** Still there after the last rung: reported, and exit code 4. */
  SURVIVED("survived"),
  /** Not acted on, with a reason: changed, gone, unreadable, denied, other-user, ... */
  SKIPPED("skipped"),
  /** Something failed; the message says what. */
  ERROR("error"),
  /** Intentionally kept by the policy (protected, self, rule says none, ...). */
  PRESERVED("preserved"),
  /** Dry run: what would be done. */
  PLANNED("planned");

  private final String label;

  Status(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
