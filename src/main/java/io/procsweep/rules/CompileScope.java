package io.procsweep.rules;

/** Where a condition being compiled lives: its file (for diagnostics and list visibility) and rule. */
record CompileScope(FileReporter out, String ruleId) {
  void error(Pos pos, String code, String message) {
    out.error(pos, code, message, ruleId);
  }

  void cascadingError(Pos pos, String code, String message) {
    out.cascadingError(pos, code, message, ruleId);
  }

  int fileIndex() {
    return out.index();
  }
}
