package io.procsweep.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The one plain-text table every command prints (scan findings, plans, outcomes, rule and fact
 * lists). Every cell goes through {@link TerminalText#escape} before it is measured: process
 * names, command lines, user names and rule texts are chosen by someone else, and this output
 * goes to a terminal. Widths are counted in terminal columns (a CJK character takes two, a
 * combining accent none: {@link TerminalText#width}); every column but the last is as wide
 * as its widest cell up to its cap, the last fills what is left of the width (never less than
 * its minimum) and is cut with an ellipsis. When the last column would get less than it wants
 * ({@link #wantLast}), columns that may shrink give way first, each down to its own minimum.
 * How a cell too wide for its column is cut is the column's {@link Cut}: at the end by default.
 * A row may carry a note, printed under it and indented to the second column. Lines carry no
 * trailing blanks.
 */
public final class TextTable {
  /** A cap or a width that means "no limit". */
  public static final int UNBOUNDED = Integer.MAX_VALUE;
  static final String ELLIPSIS = "\u2026";
  private static final String RESET = "\u001b[0m";

  /** How an escaped cell too wide for its column is shortened to {@code width} code points. */
  @FunctionalInterface
  public interface Cut {
    /** Cut at the end: {@code abcd} in 3 is {@code ab…}. */
    Cut END = TextTable::truncate;
    /** Cut in the middle, keeping the tail: {@code rule-name +2} in 8 is {@code rul…e +2}. */
    Cut MIDDLE = TextTable::truncateMiddle;

    /** At most {@code width} code points of {@code text}, which is longer than that. */
    String cut(String text, int width);
  }

  /**
   * One column.
   *
   * @param cap the widest the column may get; ignored for the last column
   * @param right whether to right-align, so that magnitudes line up
   * @param min the narrowest it may shrink to so the last column gets what it wants; {@link
   *     #UNBOUNDED} for a column that never shrinks below its natural width
   * @param cut how a cell wider than the column is shortened
   */
  public record Column(String header, int cap, boolean right, int min, Cut cut) {
    public Column {
      cut = cut == null ? Cut.END : cut;
    }

    public Column(String header, int cap, boolean right) {
      this(header, cap, right, UNBOUNDED, Cut.END);
    }

    public static Column left(String header, int cap) {
      return new Column(header, cap, false);
    }

    public static Column left(String header) {
      return left(header, UNBOUNDED);
    }

    public static Column right(String header) {
      return new Column(header, UNBOUNDED, true);
    }

    /** This column, allowed to shrink to {@code narrowest} for the last column's sake. */
    public Column shrinksTo(int narrowest) {
      return new Column(header, cap, right, narrowest, cut);
    }

    /** This column, its long cells shortened by {@code how}. */
    public Column cutBy(Cut how) {
      return new Column(header, cap, right, min, how);
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
  private int wantLast;
  private int highlighted;
  private String gap = "  ";

  /** @param minLast the narrowest the last column gets, however little room is left */
  public TextTable(int minLast, Column... columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("a table needs a column");
    }
    this.columns = columns.clone();
    this.minLast = minLast;
    this.wantLast = minLast;
  }

  /**
   * The width the last column should get before the columns that may shrink ({@link
   * Column#shrinksTo}) keep their natural width; it never gets less than {@code minLast}.
   */
  public TextTable wantLast(int width) {
    this.wantLast = Math.max(minLast, width);
    return this;
  }

  /** Blanks between columns: two by default, one for a table that must fit 80 columns. */
  public TextTable gap(int blanks) {
    if (blanks < 1) {
      throw new IllegalArgumentException("columns need at least one blank between them");
    }
    this.gap = " ".repeat(blanks);
    return this;
  }

  /** Which column a row's highlight wraps (the first by default). */
  public TextTable highlightColumn(int column) {
    if (column < 0 || column >= columns.length) {
      throw new IllegalArgumentException("no column " + column);
    }
    this.highlighted = column;
    return this;
  }

  /** Adds a row; null cells print as "-". */
  public TextTable add(String... cells) {
    return addHighlighted(null, cells);
  }

  /**
   * Adds a row whose highlighted cell (the first, or {@link #highlightColumn}) is wrapped in
   * {@code sgr} (an ANSI color chosen by the caller, never taken from the data) and a reset; the
   * escape does not count toward the width.
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
      used += widths[c] + gap.length();
    }
    // Shrinkable columns give way, nearest the last first, until it has what it wants (or
    // needs: its widest cell).
    int lastNeeds = length(header[last]);
    for (Row r : rows) {
      lastNeeds = Math.max(lastNeeds, length(r.cells()[last]));
    }
    int want = Math.min(wantLast, lastNeeds);
    for (int c = last - 1; c >= 0 && width - used < want; c--) {
      int floor = Math.max(length(header[c]), columns[c].min());
      if (columns[c].min() != UNBOUNDED && widths[c] > floor) {
        int give = (int) Math.min(widths[c] - floor, want - (width - used));
        widths[c] -= give;
        used -= give;
      }
    }
    widths[last] = (int) Math.max(minLast, Math.min(UNBOUNDED, width - used));
    StringBuilder sb = new StringBuilder();
    line(sb, header, widths, null);
    int indent = columns.length > 1 ? widths[0] + gap.length() : 0;
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
      String text = length(cells[c]) <= widths[c] ? cells[c]
          : widths[c] <= 0 ? "" : columns[c].cut().cut(cells[c], widths[c]);
      boolean last = c == cells.length - 1;
      int pad = last ? 0 : widths[c] - length(text);
      if (columns[c].right()) {
        sb.append(" ".repeat(pad));
      }
      if (c == highlighted && highlight != null) {
        sb.append(highlight).append(text).append(RESET);
      } else {
        sb.append(text);
      }
      if (!columns[c].right()) {
        sb.append(" ".repeat(pad));
      }
      if (!last) {
        sb.append(gap);
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

  /** At most {@code width} columns, the last one an ellipsis when something was cut. */
  static String truncate(String s, int width) {
    if (length(s) <= width) {
      return s;
    }
    if (width <= 0) {
      return "";
    }
    return TerminalText.head(s, width - 1) + ELLIPSIS;
  }

  /**
   * At most {@code width} columns: the head, an ellipsis, and the tail, which gets the larger
   * half (where names and counts differ: {@code +2}, a port, a file name).
   */
  static String truncateMiddle(String s, int width) {
    return middle(s, (width - 1) - width / 2, width);
  }

  /**
   * At most {@code width} columns: the first {@code head} columns of {@code s}, an ellipsis,
   * and as much of its end as fits.
   */
  static String middle(String s, int head, int width) {
    if (length(s) <= width) {
      return s;
    }
    if (width <= 1) {
      return width <= 0 ? "" : ELLIPSIS;
    }
    String front = TerminalText.head(s, Math.min(head, width - 1));
    return front + ELLIPSIS + TerminalText.tail(s, width - 1 - length(front));
  }

  /** The columns {@code s} takes on a terminal ({@link TerminalText#width}). */
  static int length(String s) {
    return TerminalText.width(s);
  }
}
