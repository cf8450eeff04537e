package io.procsweep.rules;

import java.util.List;

/**
 * Every loaded rule file merged into one: rules in load order (after overrides and disables),
 * and the merged subreapers, pid-file globs and protection.
 */
public record RuleSet(
    List<Rule> rules,
    List<String> subreapers,
    List<PidfileGlob> pidfiles,
    Protection protect,
    List<RuleSource> sources) {

  public RuleSet {
    rules = List.copyOf(rules);
    subreapers = List.copyOf(subreapers);
    pidfiles = List.copyOf(pidfiles);
    sources = List.copyOf(sources);
  }

  public static RuleSet empty() {
    return new RuleSet(List.of(), List.of(), List.of(), Protection.EMPTY, List.of());
  }
}
