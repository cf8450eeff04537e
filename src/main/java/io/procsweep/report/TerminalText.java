package io.procsweep.report;

import java.util.Locale;

/**
 * Makes untrusted text safe to print on a terminal. Process names, command lines and user names
 * are chosen by whoever started the process; printed raw, {@code ESC ] 0;pwned BEL} retitles the
 * window, {@code ESC [2J} clears the screen, a CR or a right-to-left override rewrites what the
 * operator thinks a line says. Every character that could do that is replaced by a visible,
 * unambiguous escape:
 *
 * <ul>
 *   <li>{@code \n}, {@code \r}, {@code \t} for LF, CR, TAB, and {@code \e} for ESC;
 *   <li>{@code \xNN} (two lowercase hex digits) for the other C0 controls U+0000–U+001F and DEL;
 *   <li><code>&#92;u{XXXX}</code> (four or more uppercase hex digits) for C1 controls U+0080–U+009F
 *       (U+009B is a one-character CSI on some terminals), the invisible and bidi formatting
 *       characters U+061C, U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF,
 *       the line and paragraph separators U+2028/U+2029, and unpaired surrogates (which have no
 *       encoding and would otherwise print as '?').
 * </ul>
 *
 * <p>A backslash is left as it is. The escapes are therefore not reversible, by design: the
 * snapshot already spells bytes that are not UTF-8 as {@code \xNN}, and doubling backslashes
 * would turn that into {@code \\xNN} on screen. The output is for people; JSON carries the exact
 * text.
 */
public final class TerminalText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private TerminalText() {}

  /** The text with every control and formatting character escaped; null stays null. */
  public static String escape(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    int i = 0;
    // Fast path: most names and command lines need nothing, so return the same instance.
    while (i < n && !needsEscape(s, i)) {
      i += Character.charCount(s.codePointAt(i));
    }
    if (i == n) {
      return s;
    }
    StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
    while (i < n) {
      int cp = s.codePointAt(i);
      if (needsEscape(s, i)) {
        appendEscape(sb, cp);
      } else {
        sb.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  private static boolean needsEscape(String s, int i) {
    int cp = s.codePointAt(i);
    // codePointAt returns a lone surrogate as itself; a valid pair comes back as one code point.
    return isUnsafe(cp);
  }

  /** Whether a code point must not reach a terminal raw. */
  static boolean isUnsafe(int cp) {
    return cp < 0x20
        || (cp >= 0x7F && cp <= 0x9F)
        || cp == 0x061C
        || (cp >= 0x200B && cp <= 0x200F)
        || (cp >= 0x2028 && cp <= 0x202E)
        || (cp >= 0x2060 && cp <= 0x2064)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0xFEFF
        || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
  }

  private static void appendEscape(StringBuilder sb, int cp) {
    switch (cp) {
      case '\n':
        sb.append("\\n");
        return;
      case '\r':
        sb.append("\\r");
        return;
      case '\t':
        sb.append("\\t");
        return;
      case 0x1B:
        sb.append("\\e");
        return;
      default:
        break;
    }
    if (cp < 0x20 || cp == 0x7F) {
      sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xF]);
    } else {
      String hex = Integer.toHexString(cp).toUpperCase(Locale.ROOT);
      sb.append("\\u{").append("0".repeat(Math.max(0, 4 - hex.length()))).append(hex).append('}');
    }
  }
}
