package io.procsweep.rules;

import java.util.List;

/**
 * Formats diagnostics the way compilers do, for the CLI:
 *
 * <pre>
 * rules/dev.yaml:12:13: error: unknown fact 'stat' (did you mean 'state'?)
 *   in rule 'zombie'
 *     when: { stat: zombie }
 *             ^
 * </pre>
 *
 * <p>The source line is printed as written (indented by four spaces), the caret under the
 * column; tabs before the column are kept so the caret lines up in a terminal.
 */
public final class DiagnosticPrinter {
  private DiagnosticPrinter() {}

  /** Headline, rule, source line and caret, joined by '\n', without a trailing newline. */
  public static String format(Diagnostic d) {
    StringBuilder sb = new StringBuilder(d.headline());
    if (d.ruleId() != null) {
      sb.append("\n  in rule '").append(d.ruleId()).append('\'');
    }
    if (d.sourceLine() != null) {
      String line = d.sourceLine();
      sb.append("\n    ").append(line).append("\n    ").append(caretPrefix(line, d.column()))
          .append('^');
    }
    return sb.toString();
  }

  /** Every diagnostic formatted, each followed by a newline. */
  public static String formatAll(List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      sb.append(format(d)).append('\n');
    }
    return sb.toString();
  }

  /** Whitespace as wide as the line's first {@code column - 1} code points. */
  private static String caretPrefix(String line, int column) {
    StringBuilder sb = new StringBuilder();
    int cp = 0;
    for (int i = 0; i < line.length() && cp < column - 1; cp++) {
      int c = line.codePointAt(i);
      sb.append(c == '\t' ? '\t' : ' ');
      i += Character.charCount(c);
    }
    for (; cp < column - 1; cp++) {
      sb.append(' ');
    }
    return sb.toString();
  }
}
