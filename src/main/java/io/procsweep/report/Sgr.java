package io.procsweep.report;

import io.procsweep.rules.Severity;

/**
 * The ANSI colors tables use, all chosen here and never taken from data. Only for a terminal
 * that wants them ({@link TableOptions#color()}).
 */
public final class Sgr {
  static final String BOLD_RED = "\u001b[1;31m";
  static final String RED = "\u001b[31m";
  static final String GREEN = "\u001b[32m";
  static final String YELLOW = "\u001b[33m";
  static final String CYAN = "\u001b[36m";
  static final String DIM = "\u001b[2m";

  private Sgr() {}

  /**
   * The color of a cleanup status label ({@code Status#label}): green for done, red for what
   * needs a look, yellow for skipped; null (no color) for the rest and for anything unknown.
   */
  public static String status(String label) {
    if (label == null) {
      return null;
    }
    switch (label) {
      case "terminated":
      case "removed":
        return GREEN;
      case "survived":
      case "error":
        return RED;
      case "skipped":
        return YELLOW;
      default:
        return null;
    }
  }

  public static String severity(Severity s) {
    switch (s) {
      case CRITICAL:
        return BOLD_RED;
      case HIGH:
        return RED;
      case MEDIUM:
        return YELLOW;
      case LOW:
        return CYAN;
      default:
        return DIM;
    }
  }
}
