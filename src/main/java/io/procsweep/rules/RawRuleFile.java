package io.procsweep.rules;

import java.util.List;

/**
 * One rule file after its structure was checked: every section, with the positioned YAML of the
 * parts that are only compiled after layering (conditions, list items).
 */
record RawRuleFile(
    FileReporter out,
    List<RawList> lists,
    List<RawNode.Scalar> subreapers,
    List<RawNode.Scalar> pidfiles,
    RawProtect protect,
    List<RawRule> rules,
    List<RawRule> overrides,
    List<RawNode.Scalar> disables) {

  RawRuleFile {
    lists = List.copyOf(lists);
    subreapers = List.copyOf(subreapers);
    pidfiles = List.copyOf(pidfiles);
    rules = List.copyOf(rules);
    overrides = List.copyOf(overrides);
    disables = List.copyOf(disables);
  }

  static RawRuleFile empty(FileReporter out) {
    return new RawRuleFile(out, List.of(), List.of(), List.of(), RawProtect.EMPTY, List.of(),
        List.of(), List.of());
  }

  /** A named list from {@code lists:}; its items are type-checked where a condition uses it. */
  record RawList(String name, Pos pos, List<RawNode.Scalar> items) {
    RawList {
      items = List.copyOf(items);
    }
  }

  /** The {@code protect:} section. */
  record RawProtect(
      List<RawNode.Scalar> names,
      List<RawNode.Scalar> users,
      List<RawNode.Scalar> cmdlineRegex,
      List<RawNode.Scalar> pidfiles) {
    static final RawProtect EMPTY = new RawProtect(List.of(), List.of(), List.of(), List.of());

    RawProtect {
      names = List.copyOf(names);
      users = List.copyOf(users);
      cmdlineRegex = List.copyOf(cmdlineRegex);
      pidfiles = List.copyOf(pidfiles);
    }
  }

  /**
   * A rule, or an override entry. A null field is absent (or invalid, already reported): a rule
   * then takes the default, an override leaves the earlier value alone.
   *
   * @param pos where the entry's mapping starts
   * @param id the id, or null
   * @param idPos where the id value is written (the entry's start when missing)
   * @param unless the exception conditions' YAML, or null when absent
   */
  record RawRule(
      Pos pos,
      String id,
      Pos idPos,
      String category,
      Severity severity,
      String description,
      RawNode when,
      List<RawNode> unless,
      CleanupSpec cleanup) {
    RawRule {
      unless = unless == null ? null : List.copyOf(unless);
    }
  }
}
