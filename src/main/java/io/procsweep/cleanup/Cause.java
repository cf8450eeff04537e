package io.procsweep.cleanup;

import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import java.util.Objects;

/** The finding behind an action: which rule asked for it, and how serious it is. */
public record Cause(String rule, String category, Severity severity) {
  /** Stale pid files are found by {@link PidFiles}, not by a rule; they get a fixed cause. */
  public static final Cause STALE_PIDFILE = new Cause("stale-pidfile", "stale-pidfile",
      Severity.LOW);

  public Cause {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
  }

  public static Cause of(Finding f) {
    return new Cause(f.rule(), f.category(), f.severity());
  }
}
