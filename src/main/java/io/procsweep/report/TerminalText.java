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

  /**
   * How many terminal columns escaped text takes: East Asian wide and fullwidth characters and
   * most emoji take two, combining marks none, everything else one. Where terminals disagree the
   * wider guess is taken, so a line measured to fit never wraps.
   */
  public static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += width(cp);
      i += Character.charCount(cp);
    }
    return w;
  }

  /** The longest start of {@code s} at most {@code columns} wide. */
  public static String head(String s, int columns) {
    int w = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (w + width(cp) > columns) {
        break;
      }
      w += width(cp);
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  /** The longest end of {@code s} at most {@code columns} wide. */
  public static String tail(String s, int columns) {
    int w = 0;
    int i = s.length();
    while (i > 0) {
      int cp = s.codePointBefore(i);
      if (w + width(cp) > columns) {
        break;
      }
      w += width(cp);
      i -= Character.charCount(cp);
    }
    return s.substring(i);
  }

  static int width(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
      return 0;
    }
    return isWide(cp) ? 2 : 1;
  }

  /** East Asian Wide and Fullwidth, and the emoji blocks terminals draw two columns wide. */
  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x231A && cp <= 0x231B) || (cp >= 0x2329 && cp <= 0x232A)
        || (cp >= 0x23E9 && cp <= 0x23F3) || (cp >= 0x25FD && cp <= 0x25FE)
        || (cp >= 0x2614 && cp <= 0x2615) || (cp >= 0x2648 && cp <= 0x2653)
        || (cp >= 0x267F && cp <= 0x26FF) || (cp >= 0x2705 && cp <= 0x27BF)
        || (cp >= 0x2B1B && cp <= 0x2B55)
        || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF)
        || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xA000 && cp <= 0xA4CF) || (cp >= 0xA960 && cp <= 0xA97F)
        || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F)
        || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x16FE0 && cp <= 0x1B2FF)
        || (cp >= 0x1F000 && cp <= 0x1F02F) || (cp >= 0x1F0CF && cp <= 0x1F0CF)
        || (cp >= 0x1F18E && cp <= 0x1F19A) || (cp >= 0x1F200 && cp <= 0x1F251)
        || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F680 && cp <= 0x1F6FF)
        || (cp >= 0x1F7E0 && cp <= 0x1F7EB) || (cp >= 0x1F900 && cp <= 0x1FAFF)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
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
