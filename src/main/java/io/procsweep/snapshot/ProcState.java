package io.procsweep.snapshot;

/** Process state, normalised across platforms; {@link #label()} is the JSON spelling. */
public enum ProcState {
  RUNNING("running"),
  SLEEPING("sleeping"),
  DISK_SLEEP("disk-sleep"),
  STOPPED("stopped"),
  ZOMBIE("zombie"),
  IDLE("idle"),
  OTHER("other");

  private final String label;

  ProcState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The state for a Linux {@code /proc/PID/stat} state letter (as {@code ps} shows it). */
  public static ProcState fromLinuxCode(char code) {
    switch (code) {
      case 'R':
        return RUNNING;
      case 'S':
        return SLEEPING;
      case 'D':
        return DISK_SLEEP;
      case 'T':
      case 't':
        return STOPPED;
      case 'Z':
        return ZOMBIE;
      case 'I':
        return IDLE;
      default:
        return OTHER;
    }
  }

  /** Parses a JSON label back; {@code null} when unknown. */
  public static ProcState fromLabel(String label) {
    for (ProcState s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    return null;
  }
}
