package io.procsweep.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code /proc/PID/status} that are read, parsed apart from the file read.
 *
 * <p>Why {@code Tgid}: /proc answers for every thread id, not only for process ids. Listing
 * /proc shows only thread-group leaders, but {@code /proc/TID/stat} opens for any thread, with
 * the thread's own name and start time, and kill(2) on a thread id signals the whole process.
 * A pid is a process only when its {@code Tgid} is the pid itself.
 *
 * @param uid real uid (first number on the {@code Uid:} line), or null when missing
 * @param tgid thread group id, i.e. the process the task belongs to; null when missing
 * @param nsPids the {@code NSpid:} line: the pid in every pid namespace the task is in, from
 *     the namespace of the reading /proc down to its own (Linux 4.1+); null when missing
 */
public record ProcStatus(Integer uid, Integer tgid, List<Integer> nsPids) {

  public ProcStatus {
    nsPids = nsPids == null ? null : List.copyOf(nsPids);
  }

  /** Without the NSpid line. */
  public ProcStatus(Integer uid, Integer tgid) {
    this(uid, tgid, null);
  }

  /** Whether the task read is a process (thread-group leader), not another thread of one. */
  public boolean isProcess(int pid) {
    return tgid != null && tgid == pid;
  }

  /** Parses the lines that are read; other lines are ignored, a missing one gives null. */
  public static ProcStatus parse(byte[] b, int len) {
    return new ProcStatus(firstNumber(b, len, "Uid:"), firstNumber(b, len, "Tgid:"),
        numbers(b, len, "NSpid:"));
  }

  /**
   * Every decimal number on the line that starts with {@code key}; null when the line is
   * missing, or holds no number or one that does not fit (a truncated or foreign line).
   */
  private static List<Integer> numbers(byte[] b, int len, String key) {
    int at = ProcFiles.findLineStart(b, len, key);
    if (at < 0) {
      return null;
    }
    List<Integer> out = new ArrayList<>(2);
    int pos = at + key.length();
    while (pos < len && b[pos] != '\n') {
      if (b[pos] == '\t' || b[pos] == ' ') {
        pos++;
        continue;
      }
      long v = 0;
      int start = pos;
      while (pos < len && b[pos] >= '0' && b[pos] <= '9' && v <= Integer.MAX_VALUE) {
        v = v * 10 + (b[pos] - '0');
        pos++;
      }
      if (pos == start || v > Integer.MAX_VALUE) {
        return null;
      }
      out.add((int) v);
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * Reads {@code ROOT/PID/status}. Throws as the file read does: classify with
   * {@link ProcReader#isGone} and {@link ProcReader#reason}.
   */
  public static ProcStatus read(Path procRoot, int pid) throws IOException {
    byte[] b = Files.readAllBytes(procRoot.resolve(pid + "/status"));
    return parse(b, b.length);
  }

  /** The first decimal number after {@code key} on the line that starts with it; or null. */
  private static Integer firstNumber(byte[] b, int len, String key) {
    int at = ProcFiles.findLineStart(b, len, key);
    if (at < 0) {
      return null;
    }
    int pos = at + key.length();
    while (pos < len && (b[pos] == '\t' || b[pos] == ' ')) {
      pos++;
    }
    long v = 0;
    int start = pos;
    while (pos < len && b[pos] >= '0' && b[pos] <= '9' && v <= Integer.MAX_VALUE) {
      v = v * 10 + (b[pos] - '0');
      pos++;
    }
    // uid_t is unsigned 32-bit and pids are below 2^22: what does not fit an int is not read.
    return pos == start || v > Integer.MAX_VALUE ? null : (int) v;
  }
}
