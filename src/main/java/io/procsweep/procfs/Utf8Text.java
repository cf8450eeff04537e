package io.procsweep.procfs;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns bytes the kernel hands us (process names, command lines, cgroup paths) into text.
 *
 * <p>Linux does not require any of these to be valid UTF-8, and a scanner must not lose or hide
 * bytes that someone chose to put there. Valid UTF-8 sequences are kept as the characters they
 * encode; every byte of an invalid sequence becomes the four characters {@code \xNN} (lowercase
 * hex). The result is always well-formed UTF-16, and two different invalid names never decode
 * to the same text unless one of them literally contains a backslash-x sequence (which is not
 * escaped: the mapping is for reading, not for round-tripping).
 */
public final class Utf8Text {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Utf8Text() {}

  /** Decodes all of {@code bytes}. */
  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** Decodes {@code len} bytes of {@code bytes} from {@code off}. */
  public static String decode(byte[] bytes, int off, int len) {
    Objects.checkFromIndexSize(off, len, bytes.length);
    int end = off + len;
    int i = off;
    // Almost every name and argument is ASCII: one scan, then the JDK's compact Latin-1 copy.
    while (i < end && bytes[i] >= 0) {
      i++;
    }
    if (i == end) {
      return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    }
    StringBuilder sb = new StringBuilder(len + 16);
    for (int k = off; k < i; k++) {
      sb.append((char) bytes[k]);
    }
    while (i < end) {
      int b0 = bytes[i] & 0xff;
      if (b0 < 0x80) {
        sb.append((char) b0);
        i++;
        continue;
      }
      int n = sequenceLength(bytes, i, end);
      if (n == 0) {
        // Escape this byte only and resynchronise on the next one, so a valid character
        // that follows a stray byte is still read as that character.
        sb.append('\\').append('x').append(HEX[b0 >>> 4]).append(HEX[b0 & 0xf]);
        i++;
        continue;
      }
      int cp;
      if (n == 2) {
        cp = ((b0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      } else if (n == 3) {
        cp = ((b0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      } else {
        cp = ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12)
            | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
      }
      sb.appendCodePoint(cp);
      i += n;
    }
    return sb.toString();
  }

  /**
   * Length of the well-formed UTF-8 sequence starting at {@code i}, or 0 if there is none. The
   * ranges are those of Unicode Table 3-7: no overlong forms, no surrogates, nothing past
   * U+10FFFF.
   */
  private static int sequenceLength(byte[] b, int i, int end) {
    int b0 = b[i] & 0xff;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      return i + 1 < end && cont(b[i + 1], 0x80, 0xbf) ? 2 : 0;
    }
    if (b0 >= 0xe0 && b0 <= 0xef) {
      int lo = b0 == 0xe0 ? 0xa0 : 0x80;
      int hi = b0 == 0xed ? 0x9f : 0xbf;
      return i + 2 < end && cont(b[i + 1], lo, hi) && cont(b[i + 2], 0x80, 0xbf) ? 3 : 0;
    }
    if (b0 >= 0xf0 && b0 <= 0xf4) {
      int lo = b0 == 0xf0 ? 0x90 : 0x80;
      int hi = b0 == 0xf4 ? 0x8f : 0xbf;
      return i + 3 < end && cont(b[i + 1], lo, hi) && cont(b[i + 2], 0x80, 0xbf)
              && cont(b[i + 3], 0x80, 0xbf) ? 4 : 0;
    }
    return 0;
  }

  private static boolean cont(byte b, int lo, int hi) {
    int v = b & 0xff;
    return v >= lo && v <= hi;
  }
}
