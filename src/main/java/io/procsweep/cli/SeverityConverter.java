package io.procsweep.cli;

import io.procsweep.rules.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses severity labels; {@code none} means "never fail". */
final class SeverityConverter implements ITypeConverter<Severity> {
  @Override
  public Severity convert(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (v.equals("none")) {
      return null;
    }
    Severity s = Severity.fromLabel(v);
    if (s == null) {
      throw new TypeConversionException("'" + value + "' is not a severity (use none, "
          + Arrays.stream(Severity.values()).map(Severity::label).collect(Collectors.joining(", "))
          + ")");
    }
    return s;
  }
}
