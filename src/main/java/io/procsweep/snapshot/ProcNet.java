package io.procsweep.snapshot;

import io.procsweep.procfs.ProcFiles;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Parses {@code /proc/net/{tcp,tcp6,udp,udp6}} and joins sockets to their holders. */
final class ProcNet {
  /** The four tables, and the protocol name each one's sockets get. */
  static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");

  /** {@code TCP_LISTEN} in include/net/tcp_states.h. */
  private static final int TCP_LISTEN = 0x0A;
  /** {@code TCP_CLOSE}: how the kernel shows an unconnected (bound or not) UDP socket. */
  private static final int UDP_UNCONNECTED = 0x07;

  /** Listeners in the order callers and reports want them: port, protocol, holder. */
  static final Comparator<Listener> ORDER =
      Comparator.comparingInt(Listener::port)
          .thenComparing(Listener::protocol)
          .thenComparing(Listener::pid, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Listener::address, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Listener::inode, Comparator.nullsLast(Comparator.naturalOrder()));

  private ProcNet() {}

  /** A listening socket before its holders are known. */
  record NetSocket(String protocol, String address, int port, long inode) {}

  /** {@link #parse(byte[], int, String, ByteOrder)} in this machine's byte order. */
  static List<NetSocket> parse(byte[] b, int len, String protocol) {
    return parse(b, len, protocol, ByteOrder.nativeOrder());
  }

  /**
   * The listening sockets of one table. TCP: state {@code 0A} (LISTEN). UDP has no listen
   * state: a socket that is bound (local port set) but not connected (state {@code 07}, remote
   * address and port all zero) receives from anyone, which is what a UDP server looks like.
   *
   * @param order byte order the kernel printed the address words in: each 32-bit word of the
   *     address is printed as a host-order integer, so on little-endian machines the bytes of
   *     every word come out reversed
   */
  static List<NetSocket> parse(byte[] b, int len, String protocol, ByteOrder order) {
    boolean tcp = protocol.startsWith("tcp");
    List<NetSocket> out = new ArrayList<>();
    int pos = 0;
    // Skip the header line.
    while (pos < len && b[pos] != '\n') {
      pos++;
    }
    pos++;
    int[] start = new int[10];
    int[] end = new int[10];
    while (pos < len) {
      int eol = pos;
      while (eol < len && b[eol] != '\n') {
        eol++;
      }
      // Fields: sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
      int n = 0;
      int i = pos;
      while (n < 10 && i < eol) {
        while (i < eol && b[i] == ' ') {
          i++;
        }
        if (i == eol) {
          break;
        }
        start[n] = i;
        while (i < eol && b[i] != ' ') {
          i++;
        }
        end[n] = i;
        n++;
      }
      pos = eol + 1;
      if (n < 10) {
        continue;
      }
      int state = (int) hex(b, start[3], end[3]);
      boolean listening = tcp
          ? state == TCP_LISTEN
          : state == UDP_UNCONNECTED && allZeroHex(b, start[2], end[2], true);
      if (!listening) {
        continue;
      }
      int colon = ProcFiles.indexOf(b, start[1], end[1], (byte) ':');
      if (colon < 0) {
        continue;
      }
      int port = (int) hex(b, colon + 1, end[1]);
      if (!tcp && port == 0) {
        continue;
      }
      byte[] addr = addressBytes(b, start[1], colon, order);
      long inode = dec(b, start[9], end[9]);
      if (addr == null || inode < 0) {
        continue;
      }
      out.add(new NetSocket(protocol, InetText.format(addr), port, inode));
    }
    return out;
  }

  /**
   * One {@link Listener} per (socket, holder); a socket nobody was found holding (its holder
   * exited, started after the process list was read, or hides its fds from us) gets one record
   * with a null pid so the port is still reported. Sorted by {@link #ORDER}.
   */
  static List<Listener> join(
      List<NetSocket> sockets, Map<Long, ? extends Collection<Integer>> holders) {
    List<Listener> out = new ArrayList<>(sockets.size());
    for (NetSocket s : sockets) {
      Collection<Integer> pids = holders.get(s.inode());
      if (pids == null || pids.isEmpty()) {
        out.add(new Listener(s.protocol(), s.address(), s.port(), null, s.inode()));
        continue;
      }
      for (Integer pid : pids) {
        out.add(new Listener(s.protocol(), s.address(), s.port(), pid, s.inode()));
      }
    }
    out.sort(ORDER);
    return out;
  }

  /** The inode in an fd link text {@code socket:[12345]}, or -1 for anything else. */
  static long socketInode(String link) {
    if (!link.startsWith("socket:[") || !link.endsWith("]")) {
      return -1;
    }
    long v = 0;
    int endIdx = link.length() - 1;
    if (endIdx <= 8) {
      return -1;
    }
    for (int i = 8; i < endIdx; i++) {
      char c = link.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static byte[] addressBytes(byte[] b, int from, int to, ByteOrder order) {
    int hexLen = to - from;
    if (hexLen != 8 && hexLen != 32) {
      return null;
    }
    byte[] out = new byte[hexLen / 2];
    for (int w = 0; w < out.length; w += 4) {
      long word = hex(b, from + 2 * w, from + 2 * w + 8);
      if (word < 0) {
        return null;
      }
      // The hex text is the word's value; big-endian bytes of that value are the memory
      // layout on a big-endian host, reversed ones on a little-endian host.
      for (int k = 0; k < 4; k++) {
        int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * k : 8 * (3 - k);
        out[w + k] = (byte) (word >>> shift);
      }
    }
    return out;
  }

  private static boolean allZeroHex(byte[] b, int from, int to, boolean allowColon) {
    for (int i = from; i < to; i++) {
      if (b[i] != '0' && !(allowColon && b[i] == ':')) {
        return false;
      }
    }
    return true;
  }

  private static long hex(byte[] b, int from, int to) {
    if (from >= to) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit(b[i], 16);
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static long dec(byte[] b, int from, int to) {
    if (from >= to) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return -1;
      }
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }
}
