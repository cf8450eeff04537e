package io.procsweep.scan;

import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import java.util.Objects;

/**
 * One rule that matched a process. A {@link Finding} lists every match of its process.
 *
 * @param rule rule id
 * @param category rule category
 * @param severity rule severity
 * @param message the rule's description (its id when it has none)
 * @param cleanup what cleanup the rule proposes
 */
public record Match(
    String rule, String category, Severity severity, String message, CleanupSpec cleanup) {

  public Match {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
  }
}
