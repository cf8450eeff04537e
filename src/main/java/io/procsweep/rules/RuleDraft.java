package io.procsweep.rules;

import java.util.List;
import java.util.Objects;

/**
 * A rule, or an override's replacement fields, with conditions compiled; null fields are absent.
 * Layering merges these; only the survivors become {@link Rule}s.
 *
 * @param definedIn the file of the entry (a rule keeps its defining file through overrides)
 */
record RuleDraft(
    String id,
    Pos idPos,
    FileReporter definedIn,
    String category,
    Severity severity,
    String description,
    Condition when,
    List<Condition> unless,
    CleanupSpec cleanup) {

  RuleDraft {
    unless = unless == null ? null : List.copyOf(unless);
  }

  /** This rule with every field the override names replaced. */
  RuleDraft overriddenBy(RuleDraft o) {
    return new RuleDraft(id, idPos, definedIn,
        o.category != null ? o.category : category,
        o.severity != null ? o.severity : severity,
        o.description != null ? o.description : description,
        o.when != null ? o.when : when,
        o.unless != null ? o.unless : unless,
        o.cleanup != null ? o.cleanup : cleanup);
  }

  /**
   * The rule, with defaults for what is optional: severity medium, the id as description (a
   * finding always has a message), no exceptions, no cleanup.
   */
  Rule toRule() {
    return new Rule(id, Objects.requireNonNull(category, "category"),
        severity != null ? severity : Severity.MEDIUM,
        description != null ? description : id,
        Objects.requireNonNull(when, "when"),
        unless != null ? unless : List.of(),
        cleanup != null ? cleanup : CleanupSpec.NONE,
        definedIn.name());
  }
}
