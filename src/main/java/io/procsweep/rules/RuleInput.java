package io.procsweep.rules;

import java.nio.file.Path;

/**
 * One rule file's text to load.
 *
 * @param name how diagnostics name the file (a path, or {@code builtin:rules/default.yaml})
 * @param content the YAML text
 * @param directory the absolute directory the file is in, which relative pid-file globs resolve
 *     against; null for text with no file behind it (built-in rules), where a relative pid-file
 *     glob is an error
 */
public record RuleInput(String name, String content, Path directory) {

  public RuleInput {
    if (directory != null && !directory.isAbsolute()) {
      throw new IllegalArgumentException("not an absolute directory: " + directory);
    }
  }

  /** Text with no directory (built-in rules, tests). */
  public RuleInput(String name, String content) {
    this(name, content, null);
  }
}
