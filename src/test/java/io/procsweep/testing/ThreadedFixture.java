package io.procsweep.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A python3 process this test starts, with a second thread, and that thread's native id (a
 * Linux tid: its /proc/TID exists although /proc does not list it). The process carries a
 * unique marker in its command line. {@link #close()} ends it by its own handle: nothing else is
 * ever signalled.
 */
public final class ThreadedFixture implements AutoCloseable {
  public final Process process;
  /** The second thread's native id; never the process id. */
  public final int tid;

  private ThreadedFixture(Process process, int tid) {
    this.process = process;
    this.tid = tid;
  }

  /** Starts the fixture; skips the test (assumption) when python3 cannot be run. */
  public static ThreadedFixture start() throws Exception {
    String marker = "psw-threaded-" + System.nanoTime();
    String script = "import sys, threading, time\n"
        + "t = threading.Thread(target=threading.Event().wait, daemon=True)\n"
        + "t.start()\n"
        + "print(t.native_id, flush=True)\n"
        + "time.sleep(600)\n";
    Process p;
    try {
      p = new ProcessBuilder(List.of("python3", "-c", script, marker))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      Assumptions.abort("python3 is not available: " + e.getMessage());
      throw e;
    }
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
      String line = out.readLine();
      if (line == null) {
        throw new AssertionError("threaded fixture printed no thread id");
      }
      int tid = Integer.parseInt(line.strip());
      if (tid == p.pid()) {
        throw new AssertionError("fixture printed its own pid, not a thread id");
      }
      return new ThreadedFixture(p, tid);
    } catch (RuntimeException | Error | IOException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  public int pid() {
    return (int) process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("fixture " + pid() + " did not exit");
    }
  }
}
