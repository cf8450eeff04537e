package io.procsweep.cli;

import io.procsweep.cleanup.Outcome;
import io.procsweep.report.NagiosStatus;

/**
 * Every exit code procsweep returns (DESIGN §9); listed in --help. {@code scan --format nagios}
 * exits with the Nagios plugin states instead, which reuse 0 to 3 with their own meanings.
 */
public enum ExitCode {
  OK(0, "scan complete, no finding at or above --fail-on"),
  FINDINGS(1, "findings at or above --fail-on"),
  USAGE(2, "usage error or invalid rule file (message names file:line:column)"),
  SCAN_FAILED(3, "the scan could not run (no access to the process table, internal error)"),
  CLEANUP_INCOMPLETE(Outcome.INCOMPLETE, "cleanup finished but some targets survived, failed or"
      + " were refused"),
  INTERRUPTED(Outcome.INTERRUPTED, "cleanup interrupted by SIGINT, SIGTERM or SIGHUP"),
  NAGIOS_OK(NagiosStatus.OK, "OK: findings within --warning and --critical"),
  NAGIOS_WARNING(NagiosStatus.WARNING, "WARNING: findings outside --warning (default 0: any)"),
  NAGIOS_CRITICAL(NagiosStatus.CRITICAL, "CRITICAL: findings outside --critical"),
  NAGIOS_UNKNOWN(NagiosStatus.UNKNOWN,
      "UNKNOWN: the process table was not read whole, or the scan could not run");

  private final int code;
  private final String meaning;
  private final NagiosStatus nagios;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
    this.nagios = null;
  }

  ExitCode(NagiosStatus status, String meaning) {
    this.code = status.code();
    this.meaning = meaning;
    this.nagios = status;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** Whether this is a Nagios plugin state, the exit code of scan --format nagios. */
  boolean nagios() {
    return nagios != null;
  }

  /** The exit code of a Nagios plugin state. */
  static ExitCode of(NagiosStatus status) {
    for (ExitCode c : values()) {
      if (c.nagios == status) {
        return c;
      }
    }
    throw new IllegalArgumentException("no exit code for " + status);
  }
}
