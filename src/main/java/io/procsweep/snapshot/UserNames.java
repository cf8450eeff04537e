package io.procsweep.snapshot;

import io.procsweep.procfs.Utf8Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * uid → user name from {@code /etc/passwd}, read once per snapshot. Processes are looked up by
 * the thousand, so this must never fork ({@code getent}) or call NSS per process. Users known
 * only to a directory service (LDAP, macOS Open Directory) are not in the file: for them the
 * caller's fallback, and in the end the numeric uid as a string, is used.
 */
final class UserNames {
  private final Map<Integer, String> byUid;

  UserNames(Map<Integer, String> byUid) {
    this.byUid = Map.copyOf(byUid);
  }

  /** Reads {@code passwd}; a missing or unreadable file gives an empty table (numeric names). */
  static UserNames load(Path passwd) {
    try {
      return new UserNames(parsePasswd(Utf8Text.decode(Files.readAllBytes(passwd))));
    } catch (IOException e) {
      return new UserNames(Map.of());
    }
  }

  /** The name for {@code uid}, or null when the file does not list it. */
  String find(int uid) {
    return byUid.get(uid);
  }

  /** The name for {@code uid}, or the uid itself as text. */
  String name(int uid) {
    String n = byUid.get(uid);
    return n != null ? n : Integer.toString(uid);
  }

  /**
   * Parses passwd(5) lines {@code name:password:uid:...}. The first line for a uid wins, as in
   * getpwuid; comments, NIS {@code +}/{@code -} lines and malformed lines are skipped.
   */
  static Map<Integer, String> parsePasswd(String text) {
    Map<Integer, String> out = new HashMap<>();
    int pos = 0;
    int len = text.length();
    while (pos < len) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = len;
      }
      int c1 = text.indexOf(':', pos);
      int c2 = c1 < 0 || c1 >= eol ? -1 : text.indexOf(':', c1 + 1);
      int c3 = c2 < 0 || c2 >= eol ? -1 : text.indexOf(':', c2 + 1);
      char first = pos < eol ? text.charAt(pos) : '#';
      if (c3 > 0 && c3 < eol && c1 > pos && first != '#' && first != '+' && first != '-') {
        int uid = parseUid(text, c2 + 1, c3);
        if (uid >= 0) {
          out.putIfAbsent(uid, text.substring(pos, c1));
        }
      }
      pos = eol + 1;
    }
    return out;
  }

  private static int parseUid(String s, int from, int to) {
    if (from >= to || to - from > 10) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }
}
