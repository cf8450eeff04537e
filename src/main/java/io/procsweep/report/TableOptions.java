package io.procsweep.report;

/**
 * How {@link TableReportWriter} lays out its table.
 *
 * @param width the terminal width in columns; the COMMAND column gets what the others leave
 * @param color whether to color the severity column with ANSI escapes (only for a terminal that
 *     wants them: the caller decides, e.g. from isatty and {@code NO_COLOR})
 */
public record TableOptions(int width, boolean color) {
  public static final int DEFAULT_WIDTH = 80;

  public TableOptions {
    if (width <= 0) {
      throw new IllegalArgumentException("table width must be positive, got " + width);
    }
  }

  /** 80 columns, no color: what a pipe or a log file gets when no terminal says otherwise. */
  public static TableOptions defaults() {
    return new TableOptions(DEFAULT_WIDTH, false);
  }
}
