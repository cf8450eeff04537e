package io.procsweep.report;

/**
 * An output format. Which documents each one can write is decided in {@link Formats}; the
 * constants are lowercase because they are the spelling on the command line.
 */
public enum Format {
  table,
  json
}
