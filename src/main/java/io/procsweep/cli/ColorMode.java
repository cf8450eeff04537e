package io.procsweep.cli;

import java.util.function.Function;

/** {@code --color}: whether tables color their severity and status cells. */
enum ColorMode {
  auto,
  always,
  never;

  /**
   * Whether to color output going to standard output. {@code auto} colors only a terminal, and
   * not when {@code NO_COLOR} is set to anything non-empty (no-color.org) or {@code TERM} is
   * {@code dumb} (a terminal that shows escapes as text: Emacs' shell, some CI log viewers).
   */
  boolean enabled(boolean stdoutIsTerminal, Function<String, String> env) {
    switch (this) {
      case always:
        return true;
      case never:
        return false;
      default:
        String noColor = env.apply("NO_COLOR");
        return stdoutIsTerminal && (noColor == null || noColor.isEmpty())
            && !"dumb".equals(env.apply("TERM"));
    }
  }
}
