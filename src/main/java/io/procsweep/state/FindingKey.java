package io.procsweep.state;

import io.procsweep.snapshot.ProcessKey;
import java.util.Objects;

/**
 * What a finding is across runs: its leading rule and the process incarnation (pid and start
 * time). A reused pid is another process, and a finding whose leading rule changes is another
 * finding.
 */
public record FindingKey(String rule, ProcessKey process) {
  public FindingKey {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(process, "process");
  }
}
