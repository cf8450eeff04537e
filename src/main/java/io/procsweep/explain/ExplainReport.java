package io.procsweep.explain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The document {@code procsweep explain} writes ({@value #SCHEMA}): one explanation for a pid,
 * or one per holder of a port.
 *
 * @param takenAt when the snapshot was read
 * @param host the host name, or null when unknown
 * @param port the port asked about ({@code --port}), or null when a pid was
 * @param note a sentence when there is nothing to explain ("nobody holds ..."), else null
 * @param explanations the processes explained, by pid
 */
public record ExplainReport(Instant takenAt, String host, Integer port, String note,
    List<Explanation> explanations) {
  public static final String SCHEMA = "procsweep/explain/v1";

  public ExplainReport {
    Objects.requireNonNull(takenAt, "takenAt");
    explanations = List.copyOf(explanations);
  }
}
