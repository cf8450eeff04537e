package io.procsweep.rules;

/**
 * One problem in a rule file.
 *
 * @param file file name as given
 * @param line 1-based line
 * @param column 1-based column
 * @param code stable code ({@code unknown-fact}, {@code bad-regex}, ...)
 * @param message one sentence, with a suggestion where there is a near valid name
 * @param ruleId the rule it belongs to, or null
 * @param sourceLine the text of that line, or null
 */
public record Diagnostic(
    String file, int line, int column, String code, String message, String ruleId,
    String sourceLine) {

  /** {@code FILE:LINE:COL: error: MESSAGE}. */
  public String headline() {
    return file + ":" + line + ":" + column + ": error: " + message;
  }
}
