package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.PromTools;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --format prometheus} of a real zombie, checked by the real tools: promtool
 * accepts the exposition, and Debian's node_exporter, with only its textfile collector, serves
 * the procsweep series from the {@code --output} file.
 */
@EnabledOnOs(OS.LINUX)
class PrometheusCliTest {
  @TempDir Path dir;

  /** A scan of {@code pid} alone, as its own process (the fixture is not its descendant). */
  private static Cli.Result scan(int pid, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("scan", "--format", "prometheus", "--sample",
        "0", "--pid", Integer.toString(pid)));
    args.addAll(List.of(more));
    return Cli.run(Path.of("").toAbsolutePath(), args.toArray(String[]::new));
  }

  @Test
  void theExpositionOfARealScanPassesPromtool() throws Exception {
    try (Fixture zombie = Fixture.start("zombie", false)) {
      Fixture.awaitState(zombie.pid("zombie"), 'Z');
      Cli.Result r = scan(zombie.pid("zombie"));
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains(
          "\nprocsweep_findings{rule=\"zombie\",category=\"zombie\",severity=\"medium\"} 1\n"),
          r.out());
      assertTrue(r.out().contains("\nprocsweep_processes{state=\"zombie\"} "), r.out());
      PromTools.assertValid(r.out());
    }
  }

  @Test
  void nodeExportersTextfileCollectorServesTheOutputFile() throws Exception {
    Path exporter = PromTools.require("prometheus-node-exporter", "prometheus-node-exporter");
    Path textfiles = Files.createDirectory(dir.resolve("textfile"));
    Process server = null;
    Path log = dir.resolve("node-exporter.log");
    try (Fixture zombie = Fixture.start("zombie", false)) {
      Fixture.awaitState(zombie.pid("zombie"), 'Z');
      Path prom = textfiles.resolve("procsweep.prom");
      Cli.Result r = scan(zombie.pid("zombie"), "--output", prom.toString());
      assertEquals(0, r.code(), r.err());
      assertEquals("rw-r--r--",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(prom)),
          "readable by node_exporter whatever user it runs as");
      try (var listing = Files.list(textfiles)) {
        assertEquals(1, listing.count(), "no temporary file left beside it");
      }

      int port = PromTools.freePort();
      server = new ProcessBuilder(exporter.toString(),
          "--web.listen-address=127.0.0.1:" + port,
          "--collector.disable-defaults", "--collector.textfile",
          "--collector.textfile.directory=" + textfiles)
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      String body = PromTools.await(URI.create("http://127.0.0.1:" + port + "/metrics"),
          server, log, 60, b -> b.contains("procsweep_"));
      // node_exporter re-renders the family with its labels sorted by name.
      assertTrue(body.contains(
          "\nprocsweep_findings{category=\"zombie\",rule=\"zombie\",severity=\"medium\"} 1\n"),
          body);
      assertTrue(body.contains("\nnode_textfile_scrape_error 0\n"), body);
      assertTrue(body.contains("node_textfile_mtime_seconds{file=\"" + prom + "\"}")
          || body.contains("node_textfile_mtime_seconds{file=\"procsweep.prom\"}"), body);
    } finally {
      PromTools.stop(server);
    }
  }
}
