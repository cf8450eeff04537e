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
  NAGIOS_OK(NagiosStatus.OK, "scan --format nagios: OK, the findings are within --warning and"
      + " --critical"),
  NAGIOS_WARNING(NagiosStatus.WARNING, "scan --format nagios: WARNING, the number of findings"
      + " is outside --warning (default 0: any finding)"),
  NAGIOS_CRITICAL(NagiosStatus.CRITICAL, "scan --format nagios: CRITICAL, the number of"
      + " findings is outside --critical"),
  NAGIOS_UNKNOWN(NagiosStatus.UNKNOWN, "scan --format nagios: UNKNOWN, the process table could"
      + " not be read whole, or the scan could not run");

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

  /** How --help lists it: the code, and "nagios" before the plugin states' codes. */
  String label() {
    return nagios == null ? String.format("%3d", code) : "nagios " + code;
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
