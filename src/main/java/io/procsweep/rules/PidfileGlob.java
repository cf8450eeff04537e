package io.procsweep.rules;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A pid-file glob as a rule file wrote it, with the directory its relative branches resolve
 * against: the directory of that rule file, whatever the working directory (issue 6: the same
 * rule file used to protect a worker from one directory and plan to kill it from another).
 *
 * @param glob the compiled glob; the walk expands exactly what the loader validated
 * @param base the rule file's directory (absolute); null only when every branch is absolute
 *     (built-in rule files have no directory)
 */
public record PidfileGlob(PathGlob glob, Path base) {

  public PidfileGlob {
    Objects.requireNonNull(glob, "glob");
    if (base == null && !glob.absolute()) {
      throw new IllegalArgumentException("a relative glob needs a base directory: " + glob);
    }
    if (base != null && !base.isAbsolute()) {
      throw new IllegalArgumentException("the base directory must be absolute: " + base);
    }
  }

  /** Compiles {@code pattern} (tests, and callers outside rule files). */
  public static PidfileGlob of(String pattern, Path base) {
    return new PidfileGlob(PathGlob.compile(pattern), base);
  }

  /** The glob as written. */
  public String pattern() {
    return glob.source();
  }
}
