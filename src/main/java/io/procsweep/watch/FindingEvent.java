package io.procsweep.watch;

import io.procsweep.scan.Finding;
import java.time.Instant;
import java.util.Objects;

/**
 * A finding that appeared or went away between two scans.
 *
 * @param kind new or resolved
 * @param at when the scan that saw the change started
 * @param finding the finding as this scan saw it (new), or as the last scan that had it did
 *     (resolved)
 */
public record FindingEvent(Kind kind, Instant at, Finding finding) {
  public FindingEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(finding, "finding");
  }

  /** What happened to the finding; {@link #label()} is its JSON spelling. */
  public enum Kind {
    NEW("new"),
    RESOLVED("resolved");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
