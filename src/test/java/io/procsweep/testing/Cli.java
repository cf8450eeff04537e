package io.procsweep.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs procsweep as its own process (a real JVM, no terminal, stdin closed), as cron or a CI
 * step would. Unlike an in-process run, the test's fixtures are then no descendants of the
 * procsweep that scans them, so its self-exclusion does not hide them.
 */
public final class Cli {
  private Cli() {}

  /** The command line that runs procsweep with {@code args} (for a test that starts it itself). */
  public static List<String> command(String... args) {
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Djna.nounpack=true",
        "-Djna.boot.library.path=" + base.resolve("target/native"),
        "-cp", cp, "io.procsweep.cli.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Exit code and output of one run. */
  public record Result(int code, String out, String err) {}

  public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return run(workDir, Map.of(), args);
  }

  /**
   * With {@code env} added to the environment. Without it, GITHUB_ACTIONS is removed, so a test
   * run on GitHub Actions sees the same stderr as anywhere else (no ::error annotations).
   */
  public static Result run(Path workDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = command(args);
    Path out = Files.createTempFile("procsweep-out", ".txt");
    Path err = Files.createTempFile("procsweep-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().remove("GITHUB_ACTIONS");
      pb.environment().putAll(env);
      Process p = pb.directory(workDir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("procsweep " + String.join(" ", args) + " did not finish");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
