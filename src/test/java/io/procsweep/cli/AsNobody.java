package io.procsweep.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs procsweep as uid 65534 through {@code setpriv}, for checks root would pass anyway. The
 * class path is copied into a world-readable directory first (root's Maven repository is not
 * readable by others). The argument {@code LOCKED} is replaced by a root-owned 0600 rule file
 * that uid 65534 can reach but not read; output names it {@code LOCKED} again.
 */
final class AsNobody {
  private AsNobody() {}

  static MainTest.Run run(String... args) throws IOException, InterruptedException {
    return run(List.of(), args);
  }

  /**
   * With {@code wrapper} before setpriv, e.g. {@code unshare ... sh -c 'SCRIPT; exec "$@"' sh},
   * which runs as root and then execs the setpriv command it is given.
   */
  static MainTest.Run run(List<String> wrapper, String... args)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(new File("/usr/bin/setpriv").canExecute()
        || new File("/bin/setpriv").canExecute(), "setpriv");
    Path shared = Files.createTempDirectory("procsweep-nobody");
    try {
      Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
      List<String> cp = new ArrayList<>();
      int i = 0;
      String classPath = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      for (String entry : classPath.split(File.pathSeparator)) {
        Path from = Path.of(entry);
        if (!Files.isRegularFile(from)) {
          cp.add(entry); // target/classes and target/test-classes are world-readable
          continue;
        }
        Path to = shared.resolve((i++) + "-" + from.getFileName());
        Files.copy(from, to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
        cp.add(to.toString());
      }
      Path locked = Files.writeString(shared.resolve("locked.yaml"), "version: 1\n");
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
      Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
      List<String> cmd = new ArrayList<>(wrapper);
      cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534",
          "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // No /tmp/hsperfdata_nobody/<pid>: as pid 1 of a namespace of its own, it would
          // share that file with any other such JVM, whose lock warning lands on stdout.
          "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
          "-Djna.nounpack=true",
          "-Djna.boot.library.path=" + base.resolve("target/native"),
          "-cp", String.join(File.pathSeparator, cp), "io.procsweep.cli.Main"));
      for (String a : args) {
        cmd.add(a.equals("LOCKED") ? locked.toString() : a);
      }
      // Opened by this (root) process, so uid 65534 needs no write access anywhere.
      Path out = shared.resolve("out.txt");
      Path err = shared.resolve("err.txt");
      Process p = new ProcessBuilder(cmd).directory(shared.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("procsweep as uid 65534 did not finish");
      }
      String l = locked.toString();
      return new MainTest.Run(p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8).replace(l, "LOCKED"),
          Files.readString(err, StandardCharsets.UTF_8).replace(l, "LOCKED"));
    } finally {
      try (Stream<Path> s = Files.walk(shared)) {
        for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(q);
        }
      }
    }
  }
}
