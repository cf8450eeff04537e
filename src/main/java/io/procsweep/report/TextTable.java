package io.procsweep.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The one plain-text table every command prints (scan findings, plans, outcomes, rule and fact
 * lists). Every cell goes through {@link TerminalText#escape} before it is measured: process
 * names, command lines, user names and rule texts are chosen by someone else, and this output
 * goes to a terminal. Widths are counted in code points; every column but the last is as wide
 * as its widest cell up to its cap, the last fills what is left of the width (never less than
 * its minimum) and is cut with an ellipsis. A row may carry a note, printed under it and
 * indented to the second column. Lines carry no trailing blanks.
 */
public final class TextTable {
  /** A cap or a width that means "no limit". */
  public static final int UNBOUNDED = Integer.MAX_VALUE;
  static final String ELLIPSIS = "\u2026";
  private static final String GAP = "  ";
  private static final String RESET = "\u001b[0m";

  /**
   * One column.
   *
   * @param cap the widest the column may get; ignored for the last column
   * @param right whether to right-align, so that magnitudes line up
   */
  public record Column(String header, int cap, boolean right) {
    public static Column left(String header, int cap) {
      return new Column(header, cap, false);
    }

    public static Column left(String header) {
      return left(header, UNBOUNDED);
    }

    public static Column right(String header) {
      return new Column(header, UNBOUNDED, true);
    }
  }

  /**
   * Escaped cells; {@code highlight} is our own SGR sequence for the first cell, or null; {@code
   * note} the escaped parts of the note printed under the row (empty for none).
   */
  private record Row(String[] cells, String highlight, List<String> note) {}

  private static final String NOTE_SEPARATOR = "; ";

  private final Column[] columns;
  private final int minLast;
  private final List<Row> rows = new ArrayList<>();

  /** @param minLast the narrowest the last column gets, however little room is left */
  public TextTable(int minLast, Column... columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("a table needs a column");
    }
    this.columns = columns.clone();
    this.minLast = minLast;
  }

  /** Adds a row; null cells print as "-". */
  public TextTable add(String... cells) {
    return addHighlighted(null, cells);
  }

  /**
   * Adds a row whose first cell is wrapped in {@code sgr} (an ANSI color chosen by the caller,
   * never taken from the data) and a reset; the escape does not count toward the width.
   */
  public TextTable addHighlighted(String sgr, String... cells) {
    if (cells.length != columns.length) {
      throw new IllegalArgumentException(
          "expected " + columns.length + " cells, got " + cells.length);
    }
    String[] escaped = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      escaped[i] = cells[i] == null ? "-" : TerminalText.escape(cells[i]);
    }
    rows.add(new Row(escaped, sgr, List.of()));
    return this;
  }

  /**
   * Puts a note under the last row, indented to the second column: the parts joined by "; ",
   * wrapped onto more lines between parts where the width runs out (a part too long for a line
   * on its own is cut with an ellipsis). Parts are escaped as cells are; null or empty parts are
   * left out, and a note with no parts prints nothing.
   */
  public TextTable note(List<String> parts) {
    if (rows.isEmpty()) {
      throw new IllegalStateException("a note belongs to a row; add one first");
    }
    List<String> escaped = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isEmpty()) {
        escaped.add(TerminalText.escape(p));
      }
    }
    Row last = rows.get(rows.size() - 1);
    rows.set(rows.size() - 1, new Row(last.cells(), last.highlight(), List.copyOf(escaped)));
    return this;
  }

  /** The table, one line per row after the header, each ending in a newline. */
  public String render(int width) {
    int last = columns.length - 1;
    String[] header = new String[columns.length];
    int[] widths = new int[columns.length];
    long used = 0;
    for (int c = 0; c < columns.length; c++) {
      header[c] = TerminalText.escape(columns[c].header());
      if (c == last) {
        break;
      }
      int w = length(header[c]);
      for (Row r : rows) {
        w = Math.max(w, length(r.cells()[c]));
      }
      widths[c] = Math.min(w, columns[c].cap());
      used += widths[c] + GAP.length();
    }
    widths[last] = (int) Math.max(minLast, Math.min(UNBOUNDED, width - used));
    StringBuilder sb = new StringBuilder();
    line(sb, header, widths, null);
    int indent = columns.length > 1 ? widths[0] + GAP.length() : 0;
    for (Row r : rows) {
      line(sb, r.cells(), widths, r.highlight());
      note(sb, r.note(), indent, Math.max(minLast, width - indent));
    }
    return sb.toString();
  }

  private static void note(StringBuilder sb, List<String> parts, int indent, int room) {
    StringBuilder current = new StringBuilder();
    for (String part : parts) {
      if (current.length() > 0
          && length(current.toString()) + NOTE_SEPARATOR.length() + length(part) > room) {
        noteLine(sb, current.toString(), indent, room);
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append(NOTE_SEPARATOR);
      }
      current.append(part);
    }
    if (current.length() > 0) {
      noteLine(sb, current.toString(), indent, room);
    }
  }

  private static void noteLine(StringBuilder sb, String text, int indent, int room) {
    sb.append(" ".repeat(indent)).append(truncate(text, room)).append('\n');
  }

  private void line(StringBuilder sb, String[] cells, int[] widths, String highlight) {
    int start = sb.length();
    for (int c = 0; c < cells.length; c++) {
      String text = truncate(cells[c], widths[c]);
      boolean last = c == cells.length - 1;
      int pad = last ? 0 : widths[c] - length(text);
      if (columns[c].right()) {
        sb.append(" ".repeat(pad));
      }
      if (c == 0 && highlight != null) {
        sb.append(highlight).append(text).append(RESET);
      } else {
        sb.append(text);
      }
      if (!columns[c].right()) {
        sb.append(" ".repeat(pad));
      }
      if (!last) {
        sb.append(GAP);
      }
    }
    // An empty last cell would otherwise leave the padding of the one before it.
    int end = sb.length();
    while (end > start && sb.charAt(end - 1) == ' ') {
      end--;
    }
    sb.setLength(end);
    sb.append('\n');
  }

  /** At most {@code width} code points, the last one an ellipsis when something was cut. */
  static String truncate(String s, int width) {
    if (length(s) <= width) {
      return s;
    }
    if (width <= 0) {
      return "";
    }
    return s.substring(0, s.offsetByCodePoints(0, width - 1)) + ELLIPSIS;
  }

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
