package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that print text only do no other work: {@code --version} and {@code --help} load no
 * rules, no YAML or JSON library, no OSHI and no JNA; a scan with the shipped rules reads the
 * trees the build parsed and starts no YAML parser. Checked in a JVM of its own, from the
 * classes it loads, since what a short run skips is exactly what makes it fast.
 */
class StartupWorkTest {
  private static final List<String> NOT_FOR_TEXT = List.of("com.sun.jna.", "oshi.",
      "com.fasterxml.jackson.dataformat.yaml.", "org.yaml.snakeyaml.",
      "com.fasterxml.jackson.databind.", "io.procsweep.rules.RuleLoader",
      "io.procsweep.snapshot.ProcSnapshotSource", "io.procsweep.snapshot.OshiSnapshotSource",
      "io.procsweep.procfs.");

  @Test
  void versionLoadsNoCommandNoRulesNoLibraries(@TempDir Path dir) throws Exception {
    List<String> loaded = run(dir, "--version");
    assertNoneOf(NOT_FOR_TEXT, loaded);
  }

  @Test
  void helpLoadsNoRulesNoLibraries(@TempDir Path dir) throws Exception {
    List<String> loaded = run(dir, "--help");
    assertNoneOf(NOT_FOR_TEXT, loaded);
    assertTrue(loaded.contains("io.procsweep.cli.ScanCommand"), "help lists every command");
  }

  @Test
  void aScanWithTheShippedRulesStartsNoYamlParser(@TempDir Path dir) throws Exception {
    List<String> loaded = run(dir, "scan", "--sample", "0", "--format", "json");
    assertNoneOf(List.of("org.yaml.snakeyaml.", "com.fasterxml.jackson.dataformat.yaml.",
        "io.procsweep.rules.YamlTreeReader"), loaded);
    assertTrue(loaded.contains("io.procsweep.rules.RawTreeCodec"), "the build's trees are read");
  }

  private static void assertNoneOf(List<String> prefixes, List<String> loaded) {
    List<String> extra = loaded.stream()
        .filter(c -> prefixes.stream().anyMatch(c::startsWith)).toList();
    assertEquals(List.of(), extra);
    assertTrue(loaded.contains("io.procsweep.cli.Main"), "the log lists classes: " + loaded);
  }

  /** The names of the classes a run of procsweep loaded, its stdout going to a file. */
  private static List<String> run(Path dir, String... args) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-Xlog:class+load=info:file=" + dir.resolve("classes.log"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), cmd + " did not finish");
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    assertTrue(Files.readString(out, StandardCharsets.UTF_8).contains("procsweep"));
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("classes.log"))) {
      // [0.066s][info][class,load] io.procsweep.cli.Main source: file:/...
      int start = line.indexOf("] ");
      int end = line.indexOf(" source:");
      if (start >= 0 && end > start) {
        classes.add(line.substring(line.lastIndexOf("] ", end) + 2, end));
      }
    }
    return classes;
  }
}
