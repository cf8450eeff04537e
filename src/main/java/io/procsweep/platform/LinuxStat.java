package io.procsweep.platform;

import io.procsweep.snapshot.Utf8Text;

/**
 * The three fields of {@code /proc/PID/stat} an identity needs. Parsed the way the snapshot's
 * {@code ProcStat} parses them (name between the first {@code (} and the LAST {@code )}, decoded
 * by {@link Utf8Text}), because an identity read here must equal the one the scan recorded, to
 * the character: a process may name itself {@code x) Z 1}, and a looser split would read
 * another state and start time.
 *
 * @param name {@code comm}
 * @param state state letter
 * @param startTicks start time, clock ticks since boot (field 22)
 */
record LinuxStat(String name, char state, long startTicks) {
  private static final int START_TIME_FIELD = 22;

  /** Exited: a zombie awaiting its parent's wait(), or (briefly visible) a dead task. */
  boolean ended() {
    return state == 'Z' || state == 'X';
  }

  /** @throws IllegalArgumentException if the bytes are not a stat line */
  static LinuxStat parse(byte[] b, int len) {
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
    int pos = close + 3;
    long value = 0;
    // Fields 4..22 are single-space separated integers (some may be negative, e.g. tty_nr -1
    // on old kernels, priority of real-time tasks).
    for (int field = 4; field <= START_TIME_FIELD; field++) {
      if (pos >= len || b[pos] != ' ') {
        throw new IllegalArgumentException("stat line ends before field " + field);
      }
      pos++;
      boolean neg = pos < len && b[pos] == '-';
      if (neg) {
        pos++;
      }
      int start = pos;
      value = 0;
      while (pos < len && b[pos] >= '0' && b[pos] <= '9') {
        value = value * 10 + (b[pos] - '0');
        pos++;
      }
      if (pos == start) {
        throw new IllegalArgumentException("stat field " + field + " is not a number");
      }
      value = neg ? -value : value;
    }
    return new LinuxStat(name, state, value);
  }
}
