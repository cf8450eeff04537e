package io.procsweep.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A real process fixture (src/test/resources/fixtures/fixture.py) with a unique marker in its
 * command line. {@link #close()} kills exactly the processes it made: the reaper's descendants
 * and every pid the fixture reported, each only if its start time is still the one recorded
 * (a reused pid is left alone).
 */
public final class Fixture implements AutoCloseable {
  public static final Path SCRIPT = Path.of("src/test/resources/fixtures/fixture.py");

  private final String marker;
  private final Process reaper;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<Long, Instant> madePids = new LinkedHashMap<>();

  private Fixture(String marker, Process reaper) {
    this.marker = marker;
    this.reaper = reaper;
  }

  /** Starts a fixture and waits (up to 15 s) until it reports {@code ready}. */
  public static Fixture start(String mode, boolean subreaper) throws IOException {
    return start(mode, subreaper, null, env -> { });
  }

  /**
   * Starts a fixture in working directory {@code workDir} (null: the test's), with the test's
   * environment as {@code env} changes it, and waits until it reports {@code ready}.
   */
  public static Fixture start(String mode, boolean subreaper, Path workDir,
      Consumer<Map<String, String>> env) throws IOException {
    String marker = "psweep-it-" + UUID.randomUUID().toString().substring(0, 12);
    // Relative to the project unless the fixture runs elsewhere: command lines stay as they were.
    Path script = workDir == null ? SCRIPT : SCRIPT.toAbsolutePath();
    List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), marker, mode));
    if (subreaper) {
      cmd.add("--subreaper");
    }
    if (!Files.exists(SCRIPT)) {
      throw new IOException("fixture script missing: " + SCRIPT.toAbsolutePath());
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    env.accept(pb.environment());
    Process p = pb.start();
    Fixture f = new Fixture(marker, p);
    try {
      f.awaitReady();
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
    return f;
  }

  private void awaitReady() throws IOException {
    BufferedReader in = new BufferedReader(
        new InputStreamReader(reaper.getInputStream(), StandardCharsets.UTF_8));
    ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fixture-reader");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<Void> done = ex.submit(() -> {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.equals("ready")) {
            return null;
          }
          int eq = line.indexOf('=');
          if (eq > 0) {
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            values.put(key, value);
            if (!key.equals("port")) {
              long pid = Long.parseLong(value);
              ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                  .ifPresent(start -> madePids.put(pid, start));
            }
          }
        }
        throw new IOException("fixture exited before it was ready: " + values);
      });
      done.get(15, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException("fixture not ready within 15 s: " + values, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException ? (IOException) e.getCause()
          : new IOException(e.getCause());
    } finally {
      ex.shutdownNow();
    }
  }

  public String marker() {
    return marker;
  }

  public long reaperPid() {
    return reaper.pid();
  }

  public int pid(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalStateException("fixture reported no '" + key + "': " + values);
    }
    return Integer.parseInt(v);
  }

  public String value(String key) {
    return values.get(key);
  }

  /**
   * Waits (up to 5 s) until {@code pid} is in the given {@code /proc/PID/stat} state: a fixture
   * reports a pid just before it stops itself or its child exits, not after.
   */
  public static void awaitState(int pid, char state) throws IOException, InterruptedException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    for (int i = 0; i < 100; i++) {
      String s = Files.readString(stat, StandardCharsets.ISO_8859_1);
      if (s.charAt(s.lastIndexOf(')') + 2) == state) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IOException("pid " + pid + " never reached state " + state);
  }

  /** Sends SIGKILL to what this fixture made, then waits for the reaper to finish. */
  @Override
  public void close() {
    for (ProcessHandle d : reaper.descendants().toArray(ProcessHandle[]::new)) {
      d.destroyForcibly();
    }
    for (Map.Entry<Long, Instant> e : madePids.entrySet()) {
      if (e.getKey() == reaper.pid()) {
        continue; // it reaps what was killed, then exits by itself
      }
      Optional<ProcessHandle> h = ProcessHandle.of(e.getKey());
      if (h.isPresent() && h.get().info().startInstant().equals(Optional.of(e.getValue()))) {
        h.get().destroyForcibly();
      }
    }
    try {
      if (!reaper.waitFor(5, TimeUnit.SECONDS)) {
        reaper.destroyForcibly();
        reaper.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reaper.destroyForcibly();
    }
  }
}
