package io.procsweep.cli;

/**
 * What procsweep knows about where its output goes.
 *
 * @param interactive stdout is a terminal: print a table by default, ask before cleanup
 * @param columns width for tables
 */
record Terminal(boolean interactive, int columns) {
  static final Terminal NONE = new Terminal(false, 120);

  boolean color() {
    return interactive && System.getenv("NO_COLOR") == null;
  }
}
