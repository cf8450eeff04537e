package io.procsweep.release;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a program as a user would from a shell: its own folder, stdin closed, output kept. */
final class Sh {
  private Sh() {}

  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Result run(Path dir, Consumer<Map<String, String>> env, List<String> cmd)
      throws IOException, InterruptedException {
    Process p = start(dir, env, cmd);
    return finish(p, cmd);
  }

  static Result run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    return run(dir, e -> { }, cmd);
  }

  /** Started, with its output going to temporary files that {@link #finish} reads. */
  static Process start(Path dir, Consumer<Map<String, String>> env, List<String> cmd)
      throws IOException {
    Path out = Files.createTempFile("sh-out", ".txt");
    Path err = Files.createTempFile("sh-err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("GITHUB_ACTIONS");
    // The release launcher keeps its class-data archive in the user's cache folder: the tests'
    // go to a temporary one (a test may name its own).
    pb.environment().put("XDG_CACHE_HOME", cache().toString());
    env.accept(pb.environment());
    Process p = pb.start();
    OUTPUTS.put(p, new Path[] {out, err});
    return p;
  }

  private static Path cache;

  private static synchronized Path cache() throws IOException {
    if (cache == null) {
      Path dir = Files.createTempDirectory("procsweep-cache");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          deleteTree(dir);
        } catch (IOException e) {
          // a temporary folder: nothing to do
        }
      }));
      cache = dir;
    }
    return cache;
  }

  private static final Map<Process, Path[]> OUTPUTS =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  static Result finish(Process p, List<String> cmd) throws IOException, InterruptedException {
    Path[] files = OUTPUTS.remove(p);
    try {
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + " did not finish");
      }
      return new Result(p.exitValue(), Files.readString(files[0], StandardCharsets.UTF_8),
          Files.readString(files[1], StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(files[0]);
      Files.deleteIfExists(files[1]);
    }
  }

  /** Whether a program is on the PATH. */
  static boolean installed(String program) throws IOException, InterruptedException {
    return new ProcessBuilder("sh", "-c", "command -v \"$1\" >/dev/null", "sh", program)
        .start().waitFor() == 0;
  }

  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
