package io.procsweep.snapshot;

/** The one field of os-release(5) a report shows, parsed apart from the file read. */
final class OsRelease {
  private OsRelease() {}

  /** {@code PRETTY_NAME} from os-release(5), unquoted; or null. */
  static String parsePrettyName(String text) {
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (!t.startsWith("PRETTY_NAME=")) {
        continue;
      }
      String v = t.substring("PRETTY_NAME=".length());
      if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')
          && v.charAt(v.length() - 1) == v.charAt(0)) {
        v = v.substring(1, v.length() - 1);
      }
      // os-release uses shell quoting: \" \\ \$ \` are the escapes that occur in practice.
      StringBuilder sb = new StringBuilder(v.length());
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length()) {
          c = v.charAt(++i);
        }
        sb.append(c);
      }
      return sb.length() == 0 ? null : sb.toString();
    }
    return null;
  }
}
