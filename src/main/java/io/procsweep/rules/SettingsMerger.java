package io.procsweep.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the non-rule sections of every file: subreapers, watched pid files and protection are
 * unions in load order (a later file can only add protection, never take it away), duplicates
 * dropped. Protection regexes and pid-file globs are checked here, where they are written.
 */
final class SettingsMerger {
  private final Set<String> subreapers = new LinkedHashSet<>();
  private final Set<PidfileGlob> pidfiles = new LinkedHashSet<>();
  private final Set<String> names = new LinkedHashSet<>();
  private final Set<String> users = new LinkedHashSet<>();
  private final Map<String, Pattern> cmdlineRegex = new LinkedHashMap<>();
  private final Set<PidfileGlob> protectedPidfiles = new LinkedHashSet<>();

  /** Adds one file's sections; {@code directory} is where its relative pid-file globs start. */
  void add(RawRuleFile file, Path directory) {
    texts(file.subreapers(), subreapers);
    globs(file.pidfiles(), directory, pidfiles, file.out());
    RawRuleFile.RawProtect p = file.protect();
    texts(p.names(), names);
    texts(p.users(), users);
    globs(p.pidfiles(), directory, protectedPidfiles, file.out());
    for (RawNode.Scalar s : p.cmdlineRegex()) {
      if (cmdlineRegex.containsKey(s.text())) {
        continue;
      }
      try {
        cmdlineRegex.put(s.text(), Pattern.compile(s.text()));
      } catch (PatternSyntaxException e) {
        file.out().error(s.pos(), "bad-regex", "invalid regex '" + s.text() + "': "
            + FactTestBuilder.regexProblem(s.text(), e), null);
      }
    }
  }

  List<String> subreapers() {
    return List.copyOf(subreapers);
  }

  List<PidfileGlob> pidfiles() {
    return List.copyOf(pidfiles);
  }

  Protection protection() {
    return new Protection(new ArrayList<>(names), new ArrayList<>(users),
        new ArrayList<>(cmdlineRegex.values()), new ArrayList<>(protectedPidfiles));
  }

  private static void texts(List<RawNode.Scalar> from, Set<String> into) {
    for (RawNode.Scalar s : from) {
      into.add(s.text());
    }
  }

  /** Compiles pid-file globs with the matcher the walk expands them with (one dialect). */
  private static void globs(List<RawNode.Scalar> from, Path directory, Set<PidfileGlob> into,
      FileReporter out) {
    for (RawNode.Scalar s : from) {
      PathGlob glob;
      try {
        glob = PathGlob.compile(s.text());
      } catch (IllegalArgumentException e) {
        out.error(s.pos(), "bad-glob", "invalid glob '" + s.text() + "': " + e.getMessage(), null);
        continue;
      }
      if (directory == null && !glob.absolute()) {
        out.error(s.pos(), "relative-glob", "pid-file glob '" + s.text() + "' is relative, but "
            + out.name() + " has no directory to resolve it against; use an absolute path", null);
        continue;
      }
      into.add(new PidfileGlob(glob, directory));
    }
  }
}
