package io.procsweep.snapshot;

import io.procsweep.procfs.ProcLinks;
import io.procsweep.procfs.ProcReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a process sits, from the links under {@code /proc/PID}: its working directory, what
 * its stdio points to, its pid namespace. Five readlinks per process; what cannot be read
 * stays null. A link that is gone because the process exited is not a failure (the process
 * is reported as read); one we may not read (another user's process) is.
 *
 * @param cwd the {@code cwd} link's target
 * @param stdio the kind of fds 0, 1 and 2 ({@link ProcLinks#fdKind}, or {@code closed})
 * @param pidNamespace the inode of the {@code ns/pid} link
 */
record ProcPlacement(String cwd, List<String> stdio, Long pidNamespace) {

  static final ProcPlacement UNKNOWN = new ProcPlacement(null, null, null);

  /**
   * Reads the links of {@code dir} ({@code /proc/PID}).
   *
   * @param userSpace false for kernel threads and zombies, which have no working directory
   *     or files of their own: only the namespace is read
   * @param plan which of the links to read (cwd, stdio, pid namespace); the others stay null
   */
  static ProcPlacement read(String dir, int pid, boolean userSpace, ReadPlan plan,
      List<ReadFailure> failures) {
    Long ns = null;
    if (plan.has(ReadPlan.Source.PID_NAMESPACE)) {
      String nsLink = link(dir + "/ns/pid", pid, "ns/pid", failures);
      if (nsLink != null) {
        long inode = ProcLinks.namespaceInode(nsLink, "pid");
        ns = inode < 0 ? null : inode;
      }
    }
    if (!userSpace) {
      return new ProcPlacement(null, null, ns);
    }
    String cwd = plan.has(ReadPlan.Source.CWD) ? link(dir + "/cwd", pid, "cwd", failures) : null;
    List<String> stdio = plan.has(ReadPlan.Source.STDIO) ? stdio(dir, pid, failures) : null;
    return new ProcPlacement(cwd, stdio, ns);
  }

  private static List<String> stdio(String dir, int pid, List<ReadFailure> failures) {
    List<String> kinds = new ArrayList<>(3);
    boolean anyMissing = false;
    for (int fd = 0; fd <= 2; fd++) {
      try {
        kinds.add(ProcLinks.fdKind(Files.readSymbolicLink(Path.of(dir + "/fd/" + fd)).toString()));
      } catch (NoSuchFileException e) {
        kinds.add("closed");
        anyMissing = true;
      } catch (IOException e) {
        if (!ProcReader.isGone(e)) {
          failures.add(new ReadFailure(pid, "stdio", ProcReader.reason(e)));
        }
        return null;
      }
    }
    // A missing fd link means a closed fd only while the process still has an fd directory;
    // without one it has exited (or turned zombie) during the read.
    if (anyMissing && !Files.isDirectory(Path.of(dir + "/fd"))) {
      return null;
    }
    return kinds;
  }

  private static String link(String path, int pid, String what, List<ReadFailure> failures) {
    try {
      return Files.readSymbolicLink(Path.of(path)).toString();
    } catch (IOException e) {
      if (!ProcReader.isGone(e)) {
        failures.add(new ReadFailure(pid, what, ProcReader.reason(e)));
      }
      return null;
    }
  }
}
