package io.procsweep.rules;

/** Reports diagnostics for one rule file, filling in its name and the offending source line. */
final class FileReporter {
  private final Diagnostics sink;
  private final int index;
  private final String name;
  private final String[] lines;

  FileReporter(Diagnostics sink, int index, String name, String content) {
    this.sink = sink;
    this.index = index;
    this.name = name;
    this.lines = content.split("\r?\n|\r", -1);
  }

  int index() {
    return index;
  }

  String name() {
    return name;
  }

  void error(Pos pos, String code, String message, String ruleId) {
    String source = pos.line() >= 1 && pos.line() <= lines.length ? lines[pos.line() - 1] : null;
    sink.add(index, new Diagnostic(name, pos.line(), pos.column(), code, message, ruleId, source));
  }

  /**
   * Reports an error that may only be the echo of an earlier file that could not be read (a rule
   * or list it defined looks missing); such echoes are dropped so the real error stands out.
   */
  void cascadingError(Pos pos, String code, String message, String ruleId) {
    if (!sink.unreadableBefore(index)) {
      error(pos, code, message, ruleId);
    }
  }

  /** The file's YAML could not be parsed, so nothing in it is known. */
  void markUnreadable() {
    sink.markUnreadable(index);
  }

  boolean unreadable() {
    return sink.unreadable(index);
  }

  /** {@code name:line:col}, for messages that point at another place. */
  String where(Pos pos) {
    return name + ":" + pos.line() + ":" + pos.column();
  }
}
