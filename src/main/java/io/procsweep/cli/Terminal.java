package io.procsweep.cli;

import io.procsweep.platform.Os;
import io.procsweep.platform.Tty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * What procsweep knows about where its output goes, read once at start-up.
 *
 * @param stdout stdout is a terminal: print a table by default (stdin plays no part: {@code scan
 *     < /dev/null} on a terminal still prints for a person)
 * @param stdin stdin is a terminal too, so a person can be asked before cleanup (only asked when
 *     stdout is one: alone it decides nothing)
 * @param columns width for tables: the terminal's, else {@code $COLUMNS}, else 80
 * @param env the environment color decisions read ({@code NO_COLOR}, {@code TERM})
 */
record Terminal(boolean stdout, boolean stdin, int columns, Function<String, String> env) {
  /** The narrowest width taken from {@code $COLUMNS}; narrower tables help no one. */
  static final int MIN_COLUMNS = 40;
  static final int DEFAULT_COLUMNS = 80;

  /** No terminal, 80 columns, an empty environment: what tests and pipes get. */
  static final Terminal NONE = new Terminal(false, false, DEFAULT_COLUMNS, name -> null);

  /** The process's own terminal: stdout's isatty and TIOCGWINSZ, then the environment. */
  static Terminal detect(Function<String, String> env) {
    boolean out = mayBeTerminal(Tty.STDOUT) && Tty.isTerminal(Tty.STDOUT);
    boolean in = out && mayBeTerminal(Tty.STDIN) && Tty.isTerminal(Tty.STDIN);
    return new Terminal(out, in,
        columns(out ? Tty.columns(Tty.STDOUT) : OptionalInt.empty(), env.apply("COLUMNS")), env);
  }

  /**
   * False when {@code fd} is surely no terminal, which Linux tells without libc: its {@code
   * /proc/self/fd} link names a pipe, a socket or a file outside /dev (CI, hooks, {@code | jq}).
   * Asking libc's isatty would load JNA and libjnidispatch: 65 classes and a native library.
   */
  static boolean mayBeTerminal(int fd) {
    if (Os.current() != Os.LINUX) {
      return true;
    }
    return mayBeTerminal(Path.of("/proc/self/fd/" + fd));
  }

  static boolean mayBeTerminal(Path fdLink) {
    try {
      String target = Files.readSymbolicLink(fdLink).toString();
      return target.startsWith("/dev/") && !target.equals("/dev/null");
    } catch (IOException | UnsupportedOperationException e) {
      return true; // no /proc: libc decides
    }
  }

  /** A person at the terminal can be asked: both stdin and stdout are one. */
  boolean interactive() {
    return stdout && stdin;
  }

  /** Whether tables written to stdout get colors, under {@code --color mode}. */
  boolean color(ColorMode mode) {
    return mode.enabled(stdout, env);
  }

  /**
   * The terminal's width when it reports one, else {@code $COLUMNS} (bash sets it but does not
   * export it, so it is often missing) when it is a number, at least {@link #MIN_COLUMNS}; else
   * 80, the width every terminal opens at.
   */
  static int columns(OptionalInt measured, String columnsVariable) {
    if (measured.isPresent() && measured.getAsInt() > 0) {
      return measured.getAsInt();
    }
    if (columnsVariable != null) {
      try {
        int n = Integer.parseInt(columnsVariable.trim());
        if (n > 0) {
          return Math.max(MIN_COLUMNS, n);
        }
      } catch (NumberFormatException e) {
        // not a number: as if unset
      }
    }
    return DEFAULT_COLUMNS;
  }
}
