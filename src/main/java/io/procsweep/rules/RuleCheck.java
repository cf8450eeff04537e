package io.procsweep.rules;

import java.util.Objects;

/**
 * One rule judged against one process, with the reason when it did not match: what {@code
 * procsweep explain} shows per rule.
 *
 * @param rule the rule
 * @param whenFailed why its {@code when:} did not hold; null when it held
 * @param unlessHeld the first {@code unless:} exception that held and so suppressed the match;
 *     null when none did (or {@code when:} already failed)
 */
public record RuleCheck(Rule rule, Unmet whenFailed, Unmet unlessHeld) {
  public RuleCheck {
    Objects.requireNonNull(rule, "rule");
    if (whenFailed != null && unlessHeld != null) {
      throw new IllegalArgumentException("unless is only judged when 'when' held");
    }
  }

  public boolean matched() {
    return whenFailed == null && unlessHeld == null;
  }
}
