package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenAddressTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1:9184   | 127.0.0.1:9184",
      "[::1]:9184       | [0:0:0:0:0:0:0:1]:9184",
      "0.0.0.0:0        | 0.0.0.0:0",
      "127.0.0.1:65535  | 127.0.0.1:65535",
  })
  void parsesAndFormatsBack(String text, String formatted) {
    InetSocketAddress a = ListenAddress.parse(text);
    assertEquals(formatted, ListenAddress.format(a));
    assertEquals(a, ListenAddress.parse(ListenAddress.format(a)));
  }

  @Test
  void aBarePortColonIsEveryInterface() {
    InetSocketAddress a = ListenAddress.parse(":9184");
    assertTrue(a.getAddress().isAnyLocalAddress(), a.toString());
    assertEquals(9184, a.getPort());
  }

  @Test
  void aHostNameIsResolved() {
    assertTrue(ListenAddress.parse("localhost:80").getAddress().isLoopbackAddress());
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', value = {
      "9184           | '9184' has no port; give HOST:PORT, e.g. 127.0.0.1:9184, [::1]:9184, or"
          + " :9184 for every interface",
      "''             | no address given; give HOST:PORT, e.g. 127.0.0.1:9184, [::1]:9184, or"
          + " :9184 for every interface",
      "::1:9184       | '::1:9184': an IPv6 address needs brackets, as in [::1]:9184",
      "[::1]9184      | '[::1]9184' is not an address; give HOST:PORT, e.g. 127.0.0.1:9184,"
          + " [::1]:9184, or :9184 for every interface",
      "[::1           | '[::1' is not an address; give HOST:PORT, e.g. 127.0.0.1:9184,"
          + " [::1]:9184, or :9184 for every interface",
      "[127.0.0.1]:80 | '[127.0.0.1]:80': brackets are for IPv6 addresses only; give HOST:PORT,"
          + " e.g. 127.0.0.1:9184, [::1]:9184, or :9184 for every interface",
      "127.0.0.1:     | '127.0.0.1:': the port must be a number from 0 to 65535",
      "127.0.0.1:http | '127.0.0.1:http': the port must be a number from 0 to 65535",
      "127.0.0.1:65536 | '127.0.0.1:65536': the port must be a number from 0 to 65535",
      "127.0.0.1:-1   | '127.0.0.1:-1': the port must be a number from 0 to 65535",
      "no-such-host.invalid:80 | 'no-such-host.invalid:80': cannot resolve host"
          + " 'no-such-host.invalid'",
  })
  void errorsAreOneSentence(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(text));
    assertEquals(message, e.getMessage());
  }
}
