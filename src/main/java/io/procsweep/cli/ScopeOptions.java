package io.procsweep.cli;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.procsweep.scan.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** Scope filters shared by scan, plan and clean (DESIGN §7). */
final class ScopeOptions {
  @Option(names = "--pid", paramLabel = "PID", split = ",",
      description = "Only these pids (repeatable, or comma-separated).")
  List<Integer> pids = new ArrayList<>();

  @Option(names = "--user", paramLabel = "USER", split = ",",
      description = "Only processes of these users (name or uid).")
  List<String> users = new ArrayList<>();

  @Option(names = "--match", paramLabel = "REGEX",
      description = "Only processes whose command line matches (RE2 syntax, unanchored).")
  String match;

  @Option(names = "--descendants-of", paramLabel = "PID", split = ",",
      description = "Only descendants of these pids.")
  List<Integer> descendantsOf = new ArrayList<>();

  @Option(names = "--category", paramLabel = "NAME", split = ",",
      description = "Only rules of these categories (zombie, orphan, stale-listener, hung, ...).")
  List<String> categories = new ArrayList<>();

  @Option(names = "--rule", paramLabel = "ID", split = ",", description = "Only these rule ids.")
  List<String> rules = new ArrayList<>();

  Scope toScope() {
    Pattern pattern = null;
    if (match != null) {
      try {
        pattern = Pattern.compile(match);
      } catch (PatternSyntaxException e) {
        throw new UserException("--match '" + match + "' is not a valid regular expression: "
            + e.getDescription());
      }
    }
    return new Scope(new HashSet<>(pids), new HashSet<>(users), pattern,
        new HashSet<>(descendantsOf), new HashSet<>(categories), new HashSet<>(rules));
  }
}
