package io.procsweep.cleanup;

/** How far cleanup may go (DESIGN §7); {@link #label()} is the spelling in plans and logs. */
public enum Mode {
  /** Own processes only, one SIGTERM (or SIGCHLD to a zombie's parent), no escalation. */
  SAFE("safe"),
  /** SIGTERM, wait, SIGTERM, wait, SIGKILL, over the process tree; zombies' parents too. */
  FORCED("forced");

  private final String label;

  Mode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Parses a label; null when it is not one. */
  public static Mode fromLabel(String label) {
    for (Mode m : values()) {
      if (m.label.equals(label)) {
        return m;
      }
    }
    return null;
  }
}
