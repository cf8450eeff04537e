package io.procsweep.procfs;

/**
 * The fields of one {@code /proc/PID/stat} line that a snapshot needs, still in kernel units
 * (clock ticks, pages). Cleanup's identity check parses with this same code, so the identity it
 * reads equals the one the scan recorded, to the character.
 *
 * @param name {@code comm}, whatever bytes it holds (decoded by {@link Utf8Text})
 * @param state state letter ({@code R S D Z T t I X ...})
 * @param ppid parent pid (0 for init and kthreadd)
 * @param pgrp process group id
 * @param session session id
 * @param ttyNr controlling terminal device number, 0 for none
 * @param flags {@code PF_*} flags
 * @param utimeTicks user CPU time, clock ticks
 * @param stimeTicks kernel CPU time, clock ticks
 * @param numThreads thread count
 * @param startTicks start time, clock ticks since boot
 * @param rssPages resident set size, pages
 */
public record ProcStat(
    String name,
    char state,
    int ppid,
    int pgrp,
    int session,
    int ttyNr,
    long flags,
    long utimeTicks,
    long stimeTicks,
    int numThreads,
    long startTicks,
    long rssPages) {

  /** {@code PF_KTHREAD} from include/linux/sched.h: the task is a kernel thread. */
  public static final long PF_KTHREAD = 0x00200000L;

  /** Highest field number (1-based, as in proc(5)) that is read: {@code rss}. */
  private static final int LAST_FIELD = 24;

  /** Exited: a zombie awaiting its parent's wait(), or (briefly visible) a dead task. */
  public boolean ended() {
    return state == 'Z' || state == 'X';
  }

  public boolean kernelThread() {
    return (flags & PF_KTHREAD) != 0;
  }

  /**
   * Parses a stat line from bytes. The name is everything between the first {@code (} and the
   * LAST {@code )}: a process may name itself {@code x) Z 1 1}, and splitting at the first
   * {@code )} or on spaces would then read a zombie whose parent is pid 1. Fields after the name
   * are single-space separated numbers.
   *
   * @throws IllegalArgumentException if the line is not a stat line
   */
  public static ProcStat parse(byte[] b, int len) {
    int open = -1;
    for (int i = 0; i < len; i++) {
      if (b[i] == '(') {
        open = i;
        break;
      }
    }
    int close = -1;
    for (int i = len - 1; i > open; i--) {
      if (b[i] == ')') {
        close = i;
        break;
      }
    }
    if (open < 0 || close < 0 || close + 3 >= len || b[close + 1] != ' ') {
      throw new IllegalArgumentException("not a /proc/PID/stat line");
    }
    String name = Utf8Text.decode(b, open + 1, close - open - 1);
    char state = (char) (b[close + 2] & 0xff);
    // fields[n] holds field n (1-based); 1 (pid), 2 (comm) and 3 (state) are handled above.
    long[] f = new long[LAST_FIELD + 1];
    int pos = close + 3;
    for (int field = 4; field <= LAST_FIELD; field++) {
      if (pos >= len || b[pos] != ' ') {
        throw new IllegalArgumentException("stat line ends before field " + field);
      }
      pos++;
      boolean neg = pos < len && b[pos] == '-';
      if (neg) {
        pos++;
      }
      int start = pos;
      long v = 0;
      while (pos < len && b[pos] >= '0' && b[pos] <= '9') {
        v = v * 10 + (b[pos] - '0');
        pos++;
      }
      if (pos == start) {
        throw new IllegalArgumentException("stat field " + field + " is not a number");
      }
      f[field] = neg ? -v : v;
    }
    return new ProcStat(name, state, (int) f[4], (int) f[5], (int) f[6], (int) f[7], f[9],
        f[14], f[15], (int) f[20], f[22], f[24]);
  }

  /**
   * The terminal name for a {@code tty_nr}, as {@code ps} prints it; null for none (0). The
   * number is a kernel {@code new_encode_dev} value: major in bits 8-19, minor in bits 0-7 and
   * 20-31. Device numbers without a well-known name become {@code ?:MAJOR,MINOR} (ps looks
   * those up in /dev, which costs a directory walk per unknown device).
   */
  public static String ttyName(int ttyNr) {
    if (ttyNr == 0) {
      return null;
    }
    int major = (ttyNr >>> 8) & 0xfff;
    int minor = (ttyNr & 0xff) | ((ttyNr >>> 12) & 0xfff00);
    if (major >= 136 && major <= 143) {
      return "pts/" + ((major - 136) * 256 + minor);
    }
    if (major == 4) {
      return minor < 64 ? "tty" + minor : "ttyS" + (minor - 64);
    }
    if (major == 5) {
      switch (minor) {
        case 0:
          return "tty";
        case 1:
          return "console";
        case 2:
          return "ptmx";
        default:
          break;
      }
    }
    return "?:" + major + "," + minor;
  }
}
