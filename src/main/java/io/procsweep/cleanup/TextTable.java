package io.procsweep.cleanup;

import io.procsweep.report.TerminalText;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: every cell escaped with {@link TerminalText#escape} (process names are
 * chosen by whoever started the process), capped columns, and the last column filling the
 * remaining width and truncated with an ellipsis.
 */
final class TextTable {
  private static final String GAP = "  ";
  private static final int MIN_LAST = 20;

  private final String[] header;
  private final int[] caps;
  private final List<String[]> rows = new ArrayList<>();

  /** @param caps maximum width of every column but the last */
  TextTable(String[] header, int[] caps) {
    this.header = header;
    this.caps = caps;
  }

  void add(String... cells) {
    String[] escaped = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      escaped[i] = cells[i] == null ? "-" : TerminalText.escape(cells[i]);
    }
    rows.add(escaped);
  }

  String render(int width) {
    int[] widths = new int[header.length];
    int used = 0;
    for (int c = 0; c < header.length - 1; c++) {
      int w = length(header[c]);
      for (String[] r : rows) {
        w = Math.max(w, length(r[c]));
      }
      widths[c] = Math.min(w, caps[c]);
      used += widths[c] + GAP.length();
    }
    widths[header.length - 1] = Math.max(MIN_LAST, width - used);
    StringBuilder sb = new StringBuilder();
    line(sb, header, widths);
    for (String[] r : rows) {
      line(sb, r, widths);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] widths) {
    for (int c = 0; c < cells.length; c++) {
      String text = truncate(cells[c], widths[c]);
      sb.append(text);
      if (c < cells.length - 1) {
        sb.append(" ".repeat(widths[c] - length(text))).append(GAP);
      }
    }
    sb.append('\n');
  }

  static String truncate(String s, int width) {
    if (length(s) <= width) {
      return s;
    }
    return width <= 0 ? "" : s.substring(0, s.offsetByCodePoints(0, width - 1)) + "\u2026";
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
