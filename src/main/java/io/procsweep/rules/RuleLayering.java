package io.procsweep.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase three: applies files in order. Within a file its rules are added first, then its
 * overrides, then its disables, so a file may adjust its own rules too. A duplicate id is an
 * error (changing an earlier rule takes an explicit {@code override}), and so is an override or
 * disable naming a rule that does not exist: a typo there would silently keep a rule on.
 */
final class RuleLayering {
  private final Map<String, RuleDraft> active = new LinkedHashMap<>();

  void addRules(List<RuleDraft> rules) {
    for (RuleDraft r : rules) {
      if (r.id() == null) {
        continue;
      }
      RuleDraft earlier = active.get(r.id());
      if (earlier == null) {
        active.put(r.id(), r);
      } else if (earlier.definedIn() == r.definedIn()) {
        r.definedIn().error(r.idPos(), "duplicate-id", "duplicate rule id '" + r.id()
            + "' (first defined at line " + earlier.idPos().line() + ")", r.id());
      } else {
        r.definedIn().error(r.idPos(), "duplicate-id", "rule '" + r.id()
            + "' is already defined at " + earlier.definedIn().where(earlier.idPos())
            + "; use 'override' to change it", r.id());
      }
    }
  }

  void override(List<RuleDraft> patches) {
    for (RuleDraft p : patches) {
      if (p.id() == null) {
        continue;
      }
      RuleDraft earlier = active.get(p.id());
      if (earlier == null) {
        p.definedIn().cascadingError(p.idPos(), "unknown-rule", "override of unknown rule '"
            + p.id() + "'" + Suggestions.didYouMean(p.id(), active.keySet()), p.id());
      } else {
        active.put(p.id(), earlier.overriddenBy(p));
      }
    }
  }

  void disable(List<RawNode.Scalar> ids, FileReporter out) {
    for (RawNode.Scalar id : ids) {
      if (active.remove(id.text()) == null) {
        out.cascadingError(id.pos(), "unknown-rule", "cannot disable unknown rule '" + id.text()
            + "'" + Suggestions.didYouMean(id.text(), active.keySet()), id.text());
      }
    }
  }

  /** The surviving rules in the order they were first defined. */
  List<RuleDraft> rules() {
    return new ArrayList<>(active.values());
  }
}
