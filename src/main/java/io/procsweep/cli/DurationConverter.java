package io.procsweep.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 0}, {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h}. */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.equals("0")) {
        return Duration.ZERO;
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long unitMs;
      switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
        case 's':
          unitMs = 1000;
          break;
        case 'm':
          unitMs = 60_000;
          break;
        case 'h':
          unitMs = 3_600_000;
          break;
        default:
          throw new TypeConversionException(
              "'" + value + "' is not a duration (use e.g. 0, 500ms, 2s, 5m, 1h)");
      }
      double n = Double.parseDouble(v.substring(0, v.length() - 1));
      if (n < 0 || Double.isNaN(n) || Double.isInfinite(n)) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(Math.round(n * unitMs));
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration (use e.g. 0, 500ms, 2s, 5m, 1h)");
    }
  }
}
