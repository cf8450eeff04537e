package io.procsweep.scan;

import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.snapshot.ProcessInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule that matched a process.
 *
 * @param rule rule id
 * @param category rule category
 * @param severity rule severity
 * @param message the rule's description
 * @param process the process as read
 * @param ageSeconds its age when scanned
 * @param evidence the facts that made the rule match, by name (values as {@code FactType} says)
 * @param cleanup what cleanup the rule proposes
 */
public record Finding(
    String rule,
    String category,
    Severity severity,
    String message,
    ProcessInfo process,
    long ageSeconds,
    Map<String, Object> evidence,
    CleanupSpec cleanup) {

  public Finding {
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }
}
