package io.procsweep.report;

import java.util.Objects;

/**
 * The options of the formats that take any, one value per format: a command fills in what it
 * knows, {@link Formats} hands each writer only its own.
 *
 * @param table how {@code table} lays out its rows
 * @param nagios the thresholds {@code nagios} judges the findings with
 */
public record WriterOptions(TableOptions table, NagiosThresholds nagios) {
  public WriterOptions {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(nagios, "nagios");
  }
}
