package io.procsweep.rules;

/**
 * {@code $name} references to lists. Only a '$' followed by a valid list name is a reference, so
 * values such as a lone "$" or "$1" stay literal.
 */
final class ListRefs {
  private ListRefs() {}

  /** Letters, digits, '_' and '-', starting with a letter or '_'. */
  static boolean isName(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
        return false;
      }
    }
    return true;
  }

  /** The list name {@code scalar} refers to, or null when it is a plain value. */
  static String referenced(RawNode.Scalar scalar) {
    String t = scalar.text();
    if (scalar.kind() != RawNode.Kind.STRING || t.length() < 2 || t.charAt(0) != '$') {
      return null;
    }
    String name = t.substring(1);
    return isName(name) ? name : null;
  }
}
