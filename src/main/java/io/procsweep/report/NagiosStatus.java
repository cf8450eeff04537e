package io.procsweep.report;

/**
 * The four states of a Nagios plugin, with the return code the plugin API gives each: the
 * monitoring system reads the state from the exit code, the text only explains it.
 */
public enum NagiosStatus {
  OK(0),
  WARNING(1),
  CRITICAL(2),
  /** The check could not tell: the process table was not read whole, or the scan failed. */
  UNKNOWN(3);

  private final int code;

  NagiosStatus(int code) {
    this.code = code;
  }

  /** The plugin's exit code for this state. */
  public int code() {
    return code;
  }
}
