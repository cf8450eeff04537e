package io.procsweep.scan;

import io.procsweep.facts.ProcessFacts;
import java.util.List;

/**
 * A scan together with the facts it derived: every process in scope, in snapshot order, whether
 * a rule matched it or not.
 *
 * @param result the scan, as {@link Scanner#scan} returns it
 * @param facts the facts of each process in scope (procsweep's own left out)
 */
public record Examination(ScanResult result, List<ProcessFacts> facts) {
  public Examination {
    facts = List.copyOf(facts);
  }
}
