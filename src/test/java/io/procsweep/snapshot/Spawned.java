package io.procsweep.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A fixture process this test started. {@link #close()} kills it and its descendants by pid
 * (descendants first, collected while the tree is still intact, so none is orphaned away from
 * us); nothing else is ever signalled.
 */
final class Spawned implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;

  private Spawned(Process process) {
    this.process = process;
    this.out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static Spawned start(String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    return new Spawned(pb.start());
  }

  int pid() {
    return (int) process.pid();
  }

  /** Next line of its output (stdout and stderr), or null at end. */
  String readLine() throws IOException {
    return out.readLine();
  }

  @Override
  public void close() throws IOException {
    List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
    for (ProcessHandle h : tree) {
      h.destroyForcibly();
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle h : tree) {
        h.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("fixture process did not exit", e);
    } finally {
      out.close();
    }
  }
}
