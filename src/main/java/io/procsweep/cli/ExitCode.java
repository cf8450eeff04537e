package io.procsweep.cli;

import io.procsweep.cleanup.Outcome;

/** Every exit code procsweep returns (DESIGN §9); listed in --help. */
public enum ExitCode {
  OK(0, "scan complete, no finding at or above --fail-on"),
  FINDINGS(1, "findings at or above --fail-on"),
  USAGE(2, "usage error or invalid rule file (message names file:line:column)"),
  SCAN_FAILED(3, "the scan could not run (no access to the process table, internal error)"),
  CLEANUP_INCOMPLETE(Outcome.INCOMPLETE, "cleanup finished but some targets survived, failed or"
      + " were refused"),
  INTERRUPTED(Outcome.INTERRUPTED, "cleanup interrupted by SIGINT, SIGTERM or SIGHUP");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
