package io.procsweep.rules;

import java.util.List;

/** Rule files had errors; carries every one of them, in file and position order. */
public final class RuleLoadException extends Exception {
  private final List<Diagnostic> diagnostics;

  public RuleLoadException(List<Diagnostic> diagnostics) {
    super(diagnostics.size() + " error(s) in rule files");
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
