package io.procsweep.cleanup.pidfile;

/** What a pid file says about its process. */
public enum PidfileState {
  /** The pid exists and started before the file was last written. */
  LIVE("live"),
  /** No process has the pid any more. */
  STALE_DEAD("stale-dead"),
  /** The pid exists but started after the file was written: someone else got the number. */
  STALE_REUSED("stale-reused"),
  /**
   * Empty, or not a positive integer on its first line. No longer produced by a scan: such a
   * file is reported as {@link PidfileProblem.Kind#NOT_A_PIDFILE}, never deleted. Kept so that
   * older saved plans still parse; the remover refuses them (no pid to re-check).
   */
  STALE_GARBAGE("stale-garbage");

  private final String label;

  PidfileState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean stale() {
    return this != LIVE;
  }

  /** Parses a label; null when it is not one. */
  public static PidfileState fromLabel(String label) {
    for (PidfileState s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    return null;
  }
}
