package io.procsweep.rules;

/** What a rule proposes cleanup should do with a matching process. */
public enum CleanupAction {
  NONE("none"),
  SIGNAL_PARENT("signal-parent"),
  TERMINATE("terminate"),
  TERMINATE_PARENT("terminate-parent"),
  KILL_TREE("kill-tree");

  private final String label;

  CleanupAction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Parses a label; null when it is not one. */
  public static CleanupAction fromLabel(String label) {
    for (CleanupAction a : values()) {
      if (a.label.equals(label)) {
        return a;
      }
    }
    return null;
  }
}
