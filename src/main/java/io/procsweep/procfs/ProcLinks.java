package io.procsweep.procfs;

/**
 * Parsers for the targets of the symbolic links under {@code /proc/PID} ({@code fd/N},
 * {@code ns/pid}), kept apart from the readlink calls so that each is tested on text.
 */
public final class ProcLinks {
  private ProcLinks() {}

  /**
   * What a {@code /proc/PID/fd/N} link points to, as one of {@code null} (/dev/null),
   * {@code tty} (a terminal: /dev/pts/N, /dev/ttyX, /dev/tty, /dev/console), {@code pipe} (an
   * anonymous pipe), {@code socket}, or {@code file} for anything else (a regular or deleted
   * file, a named FIFO opened by path, another device, an anonymous inode). Classified by the
   * link text alone: no stat of the target, so a file named like a terminal elsewhere than
   * /dev is a file.
   */
  public static String fdKind(String link) {
    if (link.equals("/dev/null")) {
      return "null";
    }
    if (link.startsWith("/dev/pts/") || link.startsWith("/dev/tty") || link.equals("/dev/console")) {
      return "tty";
    }
    if (link.startsWith("pipe:[")) {
      return "pipe";
    }
    if (link.startsWith("socket:[")) {
      return "socket";
    }
    return "file";
  }

  /**
   * The inode of a namespace link such as {@code pid:[4026531836]}, or -1 when the text is not
   * {@code TYPE:[NUMBER]} for the expected {@code type}.
   */
  public static long namespaceInode(String link, String type) {
    String prefix = type + ":[";
    if (!link.startsWith(prefix) || !link.endsWith("]")
        || link.length() == prefix.length() + 1 || link.length() > prefix.length() + 21) {
      return -1;
    }
    long v = 0;
    for (int i = prefix.length(); i < link.length() - 1; i++) {
      char c = link.charAt(i);
      if (c < '0' || c > '9' || v > (Long.MAX_VALUE - 9) / 10) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
