package io.procsweep.report;

/** Sentences that must fit a terminal's width: wrapped where a clause ends, not mid-word. */
public final class Lines {
  private Lines() {}

  /**
   * {@code text} and a newline, broken before it passes {@code width}: after "; ", else after
   * ", ", else at a space; a word longer than the width is cut with an ellipsis.
   */
  public static String fit(String text, int width) {
    StringBuilder sb = new StringBuilder();
    String rest = text;
    while (TextTable.length(rest) > width) {
      int at = breakAt(rest, width);
      if (at <= 0) {
        sb.append(TextTable.truncate(rest, width)).append('\n');
        return sb.toString();
      }
      sb.append(rest, 0, at).append('\n');
      rest = rest.substring(at).stripLeading();
    }
    return sb.append(rest).append('\n').toString();
  }

  /** Where to end the line: just after the last separator that leaves it within the width. */
  private static int breakAt(String s, int width) {
    int limit = TerminalText.head(s, Math.max(0, width)).length();
    for (String separator : new String[] {"; ", ", ", " "}) {
      int i = s.lastIndexOf(separator, limit - separator.trim().length());
      if (i > 0) {
        return i + separator.trim().length();
      }
    }
    return -1;
  }
}
