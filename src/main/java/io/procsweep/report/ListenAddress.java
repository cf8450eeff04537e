package io.procsweep.report;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The address a server listens on, as {@code watch --metrics} takes it: {@code HOST:PORT}
 * ({@code 127.0.0.1:9184}, {@code localhost:9184}), {@code [IPV6]:PORT} ({@code [::1]:9184}),
 * or {@code :PORT} for every interface, as Prometheus exporters spell it ({@code
 * --web.listen-address=:9100}) and what a pod in a DaemonSet needs. Port 0 picks a free one.
 * A bare port is refused rather than guessed: loopback and every interface are both plausible
 * meanings, and only one of them is safe.
 */
public final class ListenAddress {
  private static final String FORMS =
      "give HOST:PORT, e.g. 127.0.0.1:9184, [::1]:9184, or :9184 for every interface";

  private ListenAddress() {}

  /**
   * Parses {@code text}, resolving a host name.
   *
   * @throws IllegalArgumentException with one sentence naming the text
   */
  public static InetSocketAddress parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("no address given; " + FORMS);
    }
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("'" + text + "' is not an address; " + FORMS);
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
      if (host.indexOf(':') < 0) {
        throw new IllegalArgumentException("'" + text + "': brackets are for IPv6 addresses"
            + " only; " + FORMS);
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("'" + text + "' has no port; " + FORMS);
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException("'" + text + "': an IPv6 address needs brackets, as"
            + " in [::1]:9184");
      }
    }
    int number = port(text, port);
    if (host.isEmpty()) {
      return new InetSocketAddress(number);
    }
    try {
      InetAddress address = InetAddress.getByName(host);
      if (text.startsWith("[") && !(address instanceof Inet6Address)) {
        throw new IllegalArgumentException("'" + text + "': brackets are for IPv6 addresses"
            + " only; " + FORMS);
      }
      return new InetSocketAddress(address, number);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "': cannot resolve host '" + host + "'");
    }
  }

  /** {@code 127.0.0.1:9184}, {@code [::1]:9184}: the form {@link #parse} reads back. */
  public static String format(InetSocketAddress address) {
    InetAddress a = address.getAddress();
    String host = a == null ? address.getHostString()
        : a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    return host + ":" + address.getPort();
  }

  private static int port(String text, String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("'" + text + "': the port must be a number from 0 to"
          + " 65535");
    }
    int n = Integer.parseInt(port);
    if (n > 65535) {
      throw new IllegalArgumentException("'" + text + "': the port must be a number from 0 to"
          + " 65535");
    }
    return n;
  }
}
