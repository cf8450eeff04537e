package io.procsweep.cleanup;

/**
 * Why a target gets no signal. Intentional keeps (the policy says "never") end up
 * {@code preserved} in the outcome; the others could not be acted on and end up {@code skipped}.
 */
public enum KeepReason {
  /** Matches the rule sets' {@code protect} names, users or command-line patterns. */
  PROTECTED("protected", true),
  KERNEL_THREAD("kernel-thread", true),
  /** procsweep itself or one of its ancestors: cleaning those up cuts the branch it sits on. */
  SELF("self", true),
  /** pid 0 or 1. */
  INIT("init", true),
  /** Named by a live, protected pid file. */
  REGISTERED_WORKER("registered-worker", true),
  /** The rule proposes no cleanup in this mode. */
  RULE_SAYS_NONE("rule-says-none", true),
  /** Safe mode touches only the current user's processes (and pid files). */
  OTHER_USER("other-user", false),
  /** Uninterruptible sleep: even SIGKILL waits for the I/O, so it is reported, not signalled. */
  DISK_SLEEP("disk-sleep", false),
  /** A zombie whose parent is init: init reaps it, nothing to do. */
  INIT_PARENT("init-parent", false),
  /** A zombie whose parent is a subreaper (tini, systemd --user, ...), which reaps it. */
  SUBREAPER_PARENT("subreaper-parent", false),
  /** A zombie whose parent must never be signalled. */
  PROTECTED_PARENT("protected-parent", false),
  /** A zombie whose parent is not in the snapshot, so there is no identity to check. */
  PARENT_UNKNOWN("parent-unknown", false),
  /** Forced mode, and a protected pid-file glob could not be walked completely: fail closed. */
  PROTECTION_UNKNOWN("protection-unknown", false),
  /** Outside the scope the user gave (a zombie's parent, a saved plan's target). */
  OUT_OF_SCOPE("out-of-scope", false),
  /** A saved plan's target that a fresh scan no longer finds, or finds by another rule. */
  NOT_A_FINDING("not-a-finding", false),
  /** A saved plan's target whose pid now names another process, or a changed action. */
  CHANGED("changed", false),
  /** The action has no meaning on this platform (SIGCHLD on Windows). */
  NOT_SUPPORTED("not-supported", false),
  /** A signal to a zombie does nothing; only its parent can make it go. */
  ZOMBIE("zombie", false),
  /** A parent action (signal-parent, terminate-parent) for a process that is not a zombie. */
  NOT_ZOMBIE("not-zombie", false);

  private final String label;
  private final boolean intentional;

  KeepReason(String label, boolean intentional) {
    this.label = label;
    this.intentional = intentional;
  }

  public String label() {
    return label;
  }

  /** True when the policy keeps the process on purpose (outcome {@code preserved}). */
  public boolean intentional() {
    return intentional;
  }

  /** Parses a label; null when it is not one. */
  public static KeepReason fromLabel(String label) {
    for (KeepReason r : values()) {
      if (r.label.equals(label)) {
        return r;
      }
    }
    return null;
  }
}
