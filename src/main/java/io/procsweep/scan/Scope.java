package io.procsweep.scan;

import com.google.re2j.Pattern;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.snapshot.ProcessInfo;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which processes and rules a scan looks at. Empty sets mean "no restriction". Shared by scan,
 * plan and clean.
 *
 * @param pids only these pids
 * @param users only processes of these user names (or numeric uids)
 * @param match only processes whose command line (or name, when it has none) this finds
 * @param descendantsOf only descendants of these pids (not the pids themselves)
 * @param categories only rules of these categories
 * @param rules only these rule ids
 */
public record Scope(
    Set<Integer> pids,
    Set<String> users,
    Pattern match,
    Set<Integer> descendantsOf,
    Set<String> categories,
    Set<String> rules) {

  public static final Scope ALL = new Scope(Set.of(), Set.of(), null, Set.of(), Set.of(), Set.of());

  public Scope {
    pids = Set.copyOf(pids);
    users = Set.copyOf(users);
    descendantsOf = Set.copyOf(descendantsOf);
    categories = Set.copyOf(categories);
    rules = Set.copyOf(rules);
  }

  /** The process filter over one snapshot; descendant sets are computed once. */
  ProcessFilter processFilter(SnapshotIndex index) {
    Set<Integer> under = null;
    if (!descendantsOf.isEmpty()) {
      under = new HashSet<>();
      for (int root : descendantsOf) {
        under.addAll(index.descendants(root));
      }
    }
    Set<Integer> allowedDescendants = under;
    return p -> (pids.isEmpty() || pids.contains(p.pid()))
        && (users.isEmpty() || userMatches(p))
        && (match == null || match.matcher(p.commandLine()).find())
        && (allowedDescendants == null || allowedDescendants.contains(p.pid()));
  }

  /**
   * Whether a process is inside the process part of this scope (pids, users, match,
   * descendants), judged on {@code index}; cleanup's policy applies it to zombies' parents.
   */
  public Predicate<ProcessInfo> admits(SnapshotIndex index) {
    ProcessFilter filter = processFilter(index);
    return filter::test;
  }

  boolean ruleSelected(String id, String category) {
    return (rules.isEmpty() || rules.contains(id))
        && (categories.isEmpty() || categories.contains(category));
  }

  private boolean userMatches(ProcessInfo p) {
    return (p.user() != null && users.contains(p.user()))
        || (p.uid() != null && users.contains(String.valueOf(p.uid())));
  }

  /** Convenience for tests and callers with one marker: processes whose command line has it. */
  public static Scope matching(String literal) {
    return new Scope(Set.of(), Set.of(), Pattern.compile(Pattern.quote(literal)), Set.of(),
        Set.of(), Set.of());
  }

  /** Filter over processes. */
  @FunctionalInterface
  interface ProcessFilter {
    boolean test(ProcessInfo p);
  }
}
