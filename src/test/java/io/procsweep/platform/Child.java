package io.procsweep.platform;

import io.procsweep.snapshot.ProcSnapshotSource;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A process this test started. {@link #close()} ends it and its descendants through the JDK's
 * own handles (descendants collected first, while the tree is intact); nothing else is ever
 * signalled by a test.
 */
final class Child implements AutoCloseable {
  final Process process;

  private Child(Process process) {
    this.process = process;
  }

  static Child start(String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    return new Child(pb.start());
  }

  int pid() {
    return (int) process.pid();
  }

  /**
   * Waits until the child runs {@code comm} (the JDK starts children through jspawnhelper, so
   * the name changes once exec happens), then returns its identity as a scan records it.
   */
  ProcessIdentity awaitIdentity(String comm) throws Exception {
    awaitComm(pid(), comm);
    return scanIdentity(pid());
  }

  static void awaitComm(int pid, String comm) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try {
        String now = Files.readString(Path.of("/proc/" + pid + "/comm"), StandardCharsets.UTF_8);
        if (now.strip().equals(comm)) {
          return;
        }
      } catch (NoSuchFileException e) {
        // not yet (or already gone: the deadline will say)
      }
      Thread.sleep(10);
    }
    throw new AssertionError("pid " + pid + " never ran " + comm);
  }

  /** The identity of {@code pid} exactly as the proc snapshot backend computes it. */
  static ProcessIdentity scanIdentity(int pid) throws Exception {
    ProcessInfo p = find(pid, x -> true);
    return new ProcessIdentity(p.pid(), p.startTimeMs(), p.name());
  }

  static ProcessInfo find(int pid, Predicate<ProcessInfo> also) throws Exception {
    Snapshot s = new ProcSnapshotSource().read(false);
    return s.processes().stream().filter(p -> p.pid() == pid && also.test(p)).findFirst()
        .orElseThrow(() -> new AssertionError("pid " + pid + " not in the snapshot"));
  }

  @Override
  public void close() throws Exception {
    List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
    for (ProcessHandle h : tree) {
      h.destroyForcibly();
    }
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("child " + pid() + " did not exit");
    }
  }
}
