package io.procsweep.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Shell-style globs ({@code * ? [abc] [a-z] [!x]}, backslash escapes) translated to RE2, so glob
 * matching shares the regex engine's linear-time guarantee. A glob matches the whole string, and
 * {@code *} also crosses '/' (values are command lines and names, not only paths).
 */
final class Globs {
  private Globs() {}

  /** The RE2 source for {@code glob}; throws IllegalArgumentException with a reason if invalid. */
  static String toRegex(String glob) {
    StringBuilder re = new StringBuilder("(?s)\\A(?:");
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        re.append(".*");
        i++;
      } else if (c == '?') {
        re.append('.');
        i++;
      } else if (c == '[') {
        i = bracket(glob, i, re);
      } else if (c == '\\') {
        if (i + 1 >= glob.length()) {
          throw new IllegalArgumentException("it ends with a lone backslash");
        }
        escaped(glob.charAt(i + 1), re);
        i += 2;
      } else {
        escaped(c, re);
        i++;
      }
    }
    String regex = re.append(")\\z").toString();
    try {
      // What the translation cannot see (a range such as [z-a]) RE2 rejects here, so a glob
      // that validates is one that later compiles, wherever it is used.
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(e.getDescription());
    }
    return regex;
  }

  /** Translates the bracket expression starting at {@code start}; returns the index after it. */
  private static int bracket(String glob, int start, StringBuilder re) {
    int i = start + 1;
    StringBuilder cls = new StringBuilder("[");
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      cls.append('^');
      i++;
    }
    boolean first = true;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == ']' && !first) {
        re.append(cls).append(']');
        return i + 1;
      }
      if (c == '-' && !first && i + 1 < glob.length() && glob.charAt(i + 1) != ']') {
        cls.append('-');
      } else if (c == '\\' && i + 1 < glob.length()) {
        i++;
        escaped(glob.charAt(i), cls);
      } else {
        escaped(c, cls);
      }
      first = false;
      i++;
    }
    throw new IllegalArgumentException(
        "the '[' at character " + (start + 1) + " is never closed");
  }

  /** RE2 only accepts escapes of ASCII punctuation; control characters go in as hex. */
  private static void escaped(char c, StringBuilder out) {
    if (c >= 0x80 || Character.isLetterOrDigit(c) || c == ' ') {
      out.append(c);
    } else if (c < 0x20 || c == 0x7f) {
      out.append("\\x{").append(Integer.toHexString(c)).append('}');
    } else {
      out.append('\\').append(c);
    }
  }
}
