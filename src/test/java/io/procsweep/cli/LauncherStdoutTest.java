package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The JVM never writes to standard output: two scans through {@code ./procsweep}, each pid 1 of
 * its own pid namespace and sharing /tmp, while a third JVM (default flags, pid 1 of a third
 * namespace) holds the perf-data file they would both want. With perf data on, each scan's JVM
 * warned on stdout, ahead of the JSON.
 */
@EnabledOnOs(OS.LINUX)
class LauncherStdoutTest {
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  @Test
  void scansInSeparatePidNamespacesSharingTmpPrintOnlyJson() throws Exception {
    assumeUnshareWorks();
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path perfFile = Path.of("/tmp/hsperfdata_" + System.getProperty("user.name"), "1");

    Process holder = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc",
        "--kill-child", java.toString(), "-cp", cp, PerfDataHolder.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<Process> scans = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try {
      // Its own warning comes first when another namespace's JVM holds the file already:
      // the condition holds either way.
      BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(),
          StandardCharsets.UTF_8));
      String line;
      while ((line = said.readLine()) != null && !line.equals("ready")) {
        // a JVM warning on stdout: the very thing procsweep's launcher must prevent
      }
      assertEquals("ready", line, "the perf-data holder did not start");
      assertTrue(Files.exists(perfFile), "a default JVM as pid 1 holds " + perfFile);

      for (int i = 0; i < 2; i++) {
        Path out = Files.createTempFile("launcher-out", ".json");
        Path err = Files.createTempFile("launcher-err", ".txt");
        files.add(out);
        files.add(err);
        ProcessBuilder pb = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc",
            "--kill-child", base.resolve("procsweep").toString(), "scan", "--sample", "0",
            "--format", "json")
            .directory(base.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        // The launcher runs the classes under test with its own JVM flags (the jar is built
        // only after the tests).
        pb.environment().put("PROCSWEEP_CLASSPATH", cp);
        scans.add(pb.start());
      }
      for (int i = 0; i < scans.size(); i++) {
        Process p = scans.get(i);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "scan " + i + " did not finish");
        String out = Files.readString(files.get(2 * i), StandardCharsets.UTF_8);
        String err = Files.readString(files.get(2 * i + 1), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.startsWith("{"), "stdout starts with the JSON: " + out.lines()
            .findFirst().orElse(""));
        JsonNode doc = STRICT.readTree(out);
        assertEquals(io.procsweep.report.JsonReportWriter.SCHEMA, doc.get("schema").asText());
        assertTrue(doc.at("/scan/processes").asInt() > 0, out);
      }
    } finally {
      for (Process p : scans) {
        p.destroyForcibly();
      }
      holder.getOutputStream().close(); // EOF: the holder exits by itself
      if (!holder.waitFor(10, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** unshare needs root (CAP_SYS_ADMIN) and a kernel and sandbox that allow pid namespaces. */
  private static void assumeUnshareWorks() throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      Assumptions.abort("unshare is not installed");
      return;
    }
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    Assumptions.assumeTrue(done && p.exitValue() == 0,
        "unshare --pid --fork --mount-proc is not permitted here");
  }
}
