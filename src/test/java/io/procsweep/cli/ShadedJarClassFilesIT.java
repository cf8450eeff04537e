package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step after shade (src/main/build/java/.../UpgradeClassFiles.java) left picocli's classes
 * in target/procsweep.jar at class file version 52, and so archivable: a class-data-sharing
 * archive made from the jar maps them instead of loading them from the jar.
 */
class ShadedJarClassFilesIT {
  private static final Path JAR =
      Path.of(System.getProperty("procsweep.target", "target"), "procsweep.jar");

  @Test
  void picocliClassesAreVersion52OrNewer() throws IOException {
    List<String> old = new ArrayList<>();
    int picocli = 0;
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      for (ZipEntry e : Collections.list(jar.entries())) {
        if (!e.getName().startsWith("picocli/") || !e.getName().endsWith(".class")) {
          continue;
        }
        picocli++;
        try (InputStream in = jar.getInputStream(e)) {
          byte[] header = in.readNBytes(8);
          int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
          if (major < 52) {
            old.add(e.getName() + " (" + major + ")");
          }
        }
      }
    }
    assertTrue(picocli > 100, "picocli's classes are in the shaded jar: " + picocli);
    assertTrue(old.isEmpty(), old.size() + " picocli classes below class file version 52, e.g. "
        + old.subList(0, Math.min(5, old.size())));
  }

  @Test
  void anArchiveOfTheJarMapsPicocli(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path archive = dir.resolve("procsweep.jsa");
    run(dir, java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off", "-jar", JAR.toString(), "--version");
    assertTrue(Files.isRegularFile(archive), "the JVM wrote " + archive);

    String log = run(dir, java, "-XX:SharedArchiveFile=" + archive,
        "-Xlog:class+load=info:stdout", "-jar", JAR.toString(), "--version");
    List<String> picocli = log.lines().filter(l -> l.contains(" picocli.CommandLine")).toList();
    assertTrue(picocli.size() > 20, "picocli classes loaded:\n" + log);
    List<String> fromJar = picocli.stream()
        .filter(l -> !l.contains("source: shared objects file")).toList();
    assertEquals(List.of(), fromJar, "picocli classes not mapped from the archive");
  }

  /** Runs a JVM, returns its stdout; fails on a non-zero exit. */
  private static String run(Path dir, String... cmd) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
    } finally {
      p.destroyForcibly();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + stdout
        + Files.readString(err, StandardCharsets.UTF_8));
    return stdout;
  }
}
