package io.procsweep.rules;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * What cleanup must never touch, merged from every loaded rule set.
 *
 * @param names process names
 * @param users user names
 * @param cmdlineRegex command-line patterns (RE2, find semantics)
 * @param pidfiles globs of pid files naming registered, active workers, each with its base
 */
public record Protection(
    List<String> names,
    List<String> users,
    List<Pattern> cmdlineRegex,
    List<PidfileGlob> pidfiles) {
  public static final Protection EMPTY = new Protection(List.of(), List.of(), List.of(), List.of());

  public Protection {
    names = List.copyOf(names);
    users = List.copyOf(users);
    cmdlineRegex = List.copyOf(cmdlineRegex);
    pidfiles = List.copyOf(pidfiles);
  }
}
