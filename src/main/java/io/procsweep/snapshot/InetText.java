package io.procsweep.snapshot;

/**
 * Formats raw IPv4/IPv6 addresses the way {@code ss} and RFC 5952 do ({@code 0.0.0.0}, {@code ::},
 * {@code ::1}, {@code ::ffff:127.0.0.1}). {@link java.net.InetAddress} is not used: it prints
 * {@code 0:0:0:0:0:0:0:1} and turns IPv4-mapped IPv6 addresses into IPv4 ones, which would make a
 * {@code tcp6} socket look like a {@code tcp} one.
 */
final class InetText {
  private InetText() {}

  /** The address as text, or null when {@code addr} is neither 4 nor 16 bytes long. */
  static String format(byte[] addr) {
    if (addr == null) {
      return null;
    }
    if (addr.length == 4) {
      return ipv4(addr, 0);
    }
    if (addr.length != 16) {
      return null;
    }
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= addr[i] == 0;
    }
    if (mapped && (addr[10] & 0xff) == 0xff && (addr[11] & 0xff) == 0xff) {
      return "::ffff:" + ipv4(addr, 12);
    }
    int[] groups = new int[8];
    for (int g = 0; g < 8; g++) {
      groups[g] = ((addr[2 * g] & 0xff) << 8) | (addr[2 * g + 1] & 0xff);
    }
    // RFC 5952 4.2: compress the longest run of two or more zero groups, the first if tied.
    int bestStart = -1;
    int bestLen = 1;
    for (int g = 0; g < 8; ) {
      if (groups[g] != 0) {
        g++;
        continue;
      }
      int s = g;
      while (g < 8 && groups[g] == 0) {
        g++;
      }
      if (g - s > bestLen) {
        bestStart = s;
        bestLen = g - s;
      }
    }
    StringBuilder sb = new StringBuilder(39);
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        sb.append("::");
        g += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[g]));
    }
    return sb.toString();
  }

  private static String ipv4(byte[] a, int off) {
    return (a[off] & 0xff) + "." + (a[off + 1] & 0xff) + "." + (a[off + 2] & 0xff) + "."
        + (a[off + 3] & 0xff);
  }
}
