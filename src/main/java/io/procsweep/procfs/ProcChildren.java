package io.procsweep.procfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The children of this process, from {@code /proc/self/task/TID/children}. Every thread's file
 * is read: an orphan adopted by a subreaper gets one of its threads as parent, not necessarily
 * the main one.
 */
public final class ProcChildren {
  private ProcChildren() {}

  /** Pids in one {@code children} file: space-separated decimal numbers. */
  public static Set<Integer> parse(byte[] b, int len, Set<Integer> into) {
    int n = -1;
    for (int i = 0; i <= len; i++) {
      byte c = i < len ? b[i] : (byte) ' ';
      if (c >= '0' && c <= '9') {
        n = (n < 0 ? 0 : n * 10) + (c - '0');
      } else if (n >= 0) {
        into.add(n);
        n = -1;
      }
    }
    return into;
  }

  /**
   * This process's children, every thread's; empty when the kernel lacks the children files
   * (CONFIG_PROC_CHILDREN) or this is not Linux.
   */
  public static Set<Integer> ofSelf(ProcReader reader) {
    Set<Integer> pids = new TreeSet<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return pids;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        try {
          int len = reader.read(task.resolve("children").toString());
          parse(reader.buffer(), len, pids);
        } catch (IOException e) {
          // The thread ended between listing and reading: it has no children left to list.
        }
      }
    } catch (IOException e) {
      return pids;
    }
    return pids;
  }
}
