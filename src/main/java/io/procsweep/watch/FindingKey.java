package io.procsweep.watch;

import io.procsweep.scan.Finding;
import io.procsweep.snapshot.ProcessKey;

/**
 * What makes a finding the same one in two scans: its leading rule and the process incarnation
 * (pid and start time, so a reused pid is a new finding). A process whose leading rule changes
 * (a listener orphan that also starts to hold a dev port) resolves one finding and opens another.
 */
public record FindingKey(String rule, ProcessKey process) {
  public static FindingKey of(Finding f) {
    return new FindingKey(f.rule(), f.process().key());
  }
}
