package io.procsweep.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One variable of {@code /proc/PID/environ}: the environment the process was started with
 * (NUL-separated {@code NAME=value}), readable for one's own processes and by root. What a
 * process later changes in its own memory is not reflected, which is what a marker needs.
 */
public final class ProcEnviron {
  private ProcEnviron() {}

  /** The value of {@code name} in environ bytes; empty when it is not set. */
  public static Optional<String> parseVariable(byte[] b, int len, String name) {
    byte[] key = (name + "=").getBytes(StandardCharsets.UTF_8);
    int start = 0;
    while (start < len) {
      int end = start;
      while (end < len && b[end] != 0) {
        end++;
      }
      if (end - start >= key.length && startsWith(b, start, key)) {
        return Optional.of(Utf8Text.decode(b, start + key.length, end - start - key.length));
      }
      start = end + 1;
    }
    return Optional.empty();
  }

  /**
   * Reads {@code /proc/PID/environ} and returns {@code name}'s value. Throws when the process is
   * gone or its environment is not readable ({@link ProcReader#isGone} tells which).
   */
  public static Optional<String> read(ProcReader reader, int pid, String name)
      throws IOException {
    int len = reader.read("/proc/" + pid + "/environ");
    return parseVariable(reader.buffer(), len, name);
  }

  private static boolean startsWith(byte[] b, int at, byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if (b[at + i] != key[i]) {
        return false;
      }
    }
    return true;
  }
}
