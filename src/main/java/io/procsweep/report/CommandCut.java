package io.procsweep.report;

/**
 * Shortens a command line to a column's width so that what tells processes apart stays: the
 * arguments. In steps, each only while the line is still too long:
 *
 * <ol>
 *   <li>the program's directory goes ({@code /usr/bin/python3 -c …} → {@code python3 -c …});
 *   <li>so does the directory of the script an interpreter runs, its first argument that is no
 *       option ({@code node /home/u/app/node_modules/.bin/vite --port 5173} → {@code node vite
 *       --port 5173});
 *   <li>then that of every other argument that is a plain path ({@code --config
 *       /home/u/app/vite.config.ts} → {@code --config vite.config.ts});
 *   <li>the middle is cut with an ellipsis: the program's name stays at the front when it takes
 *       at most half, and the tail gets the rest (a port or a script name at the end is what
 *       tells two servers apart).
 * </ol>
 *
 * <p>Works on the escaped line {@link TextTable} measures: words are split at spaces, as {@code
 * ProcessInfo#commandLine} joined them.
 */
public final class CommandCut implements TextTable.Cut {
  public static final CommandCut INSTANCE = new CommandCut();

  private CommandCut() {}

  @Override
  public String cut(String line, int width) {
    if (TextTable.length(line) <= width) {
      return line;
    }
    String[] words = line.split(" ", -1);
    words[0] = baseName(words[0]);
    String shorter = String.join(" ", words);
    if (TextTable.length(shorter) <= width) {
      return shorter;
    }
    for (int i = 1; i < words.length; i++) {
      if (!words[i].startsWith("-")) {
        words[i] = baseName(words[i]); // the script: the first argument that is no option
        break;
      }
    }
    shorter = String.join(" ", words);
    if (TextTable.length(shorter) <= width) {
      return shorter;
    }
    for (int i = 1; i < words.length; i++) {
      words[i] = baseName(words[i]);
    }
    shorter = String.join(" ", words);
    if (TextTable.length(shorter) <= width) {
      return shorter;
    }
    return middle(shorter, TextTable.length(words[0]) + 1, width);
  }

  /**
   * The line in {@code width}: its first {@code program} columns (the program and a space)
   * when they take at most half, an ellipsis, and as much of the tail as fits.
   */
  private static String middle(String s, int program, int width) {
    return TextTable.middle(s, program <= width / 2 ? program : (width - 1) / 3, width);
  }

  /**
   * {@code /usr/bin/python3} → {@code python3}. A word that is no plain path stays: one without
   * a directory, a kernel thread's {@code [name]}, a class path or {@code --opt=/a/b}.
   */
  static String baseName(String word) {
    int slash = word.lastIndexOf('/');
    if (slash < 0 || slash == word.length() - 1 || word.startsWith("[")
        || word.indexOf(':') >= 0 || word.indexOf('=') >= 0) {
      return word;
    }
    return word.substring(slash + 1);
  }
}
