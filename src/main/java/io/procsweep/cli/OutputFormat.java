package io.procsweep.cli;

/** The {@code --format} of every command that prints a result. */
enum OutputFormat {
  table,
  json;

  /**
   * The explicit choice, else a table for a person at a terminal and JSON for a pipe or a
   * file: what reads a file or a pipe is usually a program.
   */
  static OutputFormat choose(OutputFormat explicit, boolean toFile, Terminal terminal) {
    if (explicit != null) {
      return explicit;
    }
    return !toFile && terminal.interactive() ? table : json;
  }
}
