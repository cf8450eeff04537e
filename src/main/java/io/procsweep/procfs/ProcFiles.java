package io.procsweep.procfs;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsers for the small /proc files that the {@code proc} backend and cleanup's identity check
 * read, kept apart from the I/O so that each is tested on a fixture. They work on the bytes as read (no intermediate
 * String for the whole file) because they run once or several times per process.
 */
public final class ProcFiles {
  /** auxv(3) keys. */
  public static final long AT_PAGESZ = 6;
  public static final long AT_CLKTCK = 17;

  private ProcFiles() {}

  /**
   * {@code /proc/PID/cmdline}: arguments separated (and normally ended) by NUL. Empty for
   * kernel threads and zombies. A process that rewrote its argv may leave no trailing NUL; the
   * last argument is then whatever follows the last NUL.
   */
  public static List<String> parseCmdline(byte[] b, int len) {
    if (len == 0) {
      return List.of();
    }
    List<String> args = new ArrayList<>(4);
    int start = 0;
    for (int i = 0; i < len; i++) {
      if (b[i] == 0) {
        args.add(Utf8Text.decode(b, start, i - start));
        start = i + 1;
      }
    }
    if (start < len) {
      args.add(Utf8Text.decode(b, start, len - start));
    }
    return args;
  }

  /**
   * The cgroup path from {@code /proc/PID/cgroup}: the unified hierarchy's {@code 0::PATH} line
   * (cgroup v2, and the v2 part of a hybrid setup); without it, the {@code name=systemd} v1
   * hierarchy, which is where systemd keeps its unit layout on v1 hosts. Null if neither exists.
   */
  public static String parseCgroup(byte[] b, int len) {
    String systemd = null;
    int pos = 0;
    while (pos < len) {
      int eol = pos;
      while (eol < len && b[eol] != '\n') {
        eol++;
      }
      int c1 = indexOf(b, pos, eol, (byte) ':');
      int c2 = c1 < 0 ? -1 : indexOf(b, c1 + 1, eol, (byte) ':');
      if (c2 > 0) {
        if (c1 - pos == 1 && b[pos] == '0' && c2 == c1 + 1) {
          return Utf8Text.decode(b, c2 + 1, eol - c2 - 1);
        }
        if (systemd == null && hasController(b, c1 + 1, c2, "name=systemd")) {
          systemd = Utf8Text.decode(b, c2 + 1, eol - c2 - 1);
        }
      }
      pos = eol + 1;
    }
    return systemd;
  }

  /** Boot time in seconds since the epoch: the {@code btime} line of {@code /proc/stat}; or -1. */
  public static long parseBtime(byte[] b, int len) {
    int at = findLineStart(b, len, "btime ");
    if (at < 0) {
      return -1;
    }
    int pos = at + 6;
    long v = 0;
    int start = pos;
    while (pos < len && b[pos] >= '0' && b[pos] <= '9') {
      v = v * 10 + (b[pos] - '0');
      pos++;
    }
    return pos == start ? -1 : v;
  }

  /**
   * One value of an auxiliary vector ({@code /proc/self/auxv}): pairs of native words (type,
   * value) ending with type 0. -1 when {@code type} is absent.
   */
  public static long auxValue(byte[] b, int len, int wordSize, ByteOrder order, long type) {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, 0, len).order(order);
    while (buf.remaining() >= 2 * wordSize) {
      long t = wordSize == 8 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
      long v = wordSize == 8 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
      if (t == 0) {
        break;
      }
      if (t == type) {
        return v;
      }
    }
    return -1;
  }

  /** Offset of the line that starts with {@code prefix} (ASCII), or -1. */
  public static int findLineStart(byte[] b, int len, String prefix) {
    int n = prefix.length();
    int pos = 0;
    while (pos + n <= len) {
      boolean match = true;
      for (int k = 0; k < n; k++) {
        if (b[pos + k] != prefix.charAt(k)) {
          match = false;
          break;
        }
      }
      if (match) {
        return pos;
      }
      while (pos < len && b[pos] != '\n') {
        pos++;
      }
      pos++;
    }
    return -1;
  }

  public static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the comma-separated controller list {@code b[from, to)} contains {@code name}. */
  private static boolean hasController(byte[] b, int from, int to, String name) {
    int n = name.length();
    int pos = from;
    while (pos <= to) {
      int end = indexOf(b, pos, to, (byte) ',');
      if (end < 0) {
        end = to;
      }
      if (end - pos == n) {
        boolean match = true;
        for (int k = 0; k < n; k++) {
          if (b[pos + k] != name.charAt(k)) {
            match = false;
            break;
          }
        }
        if (match) {
          return true;
        }
      }
      pos = end + 1;
    }
    return false;
  }
}
