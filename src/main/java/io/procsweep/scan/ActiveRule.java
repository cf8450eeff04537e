package io.procsweep.scan;

import io.procsweep.rules.Rule;
import io.procsweep.rules.Severity;
import java.util.Objects;

/**
 * A rule a scan evaluated (loaded, and selected by {@code --rule}/{@code --category}): what a
 * report needs to say that it found nothing, e.g. a passing JUnit test case.
 *
 * @param id the rule id
 * @param category its category
 * @param severity the severity of its findings
 * @param description its one-line explanation (the rule id when it has none)
 */
public record ActiveRule(String id, String category, Severity severity, String description) {
  public ActiveRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    description = description == null || description.isBlank() ? id : description;
  }

  public static ActiveRule of(Rule r) {
    return new ActiveRule(r.id(), r.category(), r.severity(), r.description());
  }
}
