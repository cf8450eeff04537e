package io.procsweep.cli;

import io.procsweep.report.ListenAddress;
import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code HOST:PORT}, {@code [IPV6]:PORT} or {@code :PORT} (every interface) for an option such
 * as {@code watch --metrics}; see {@link ListenAddress}.
 */
final class ListenAddressConverter implements ITypeConverter<InetSocketAddress> {
  @Override
  public InetSocketAddress convert(String value) {
    try {
      return ListenAddress.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
