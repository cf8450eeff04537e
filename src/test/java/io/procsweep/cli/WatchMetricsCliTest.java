package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.PromTools;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code procsweep watch --metrics} as its own process, with a real zombie in scope: promtool
 * accepts what it serves, and a real Prometheus on loopback scrapes it and answers a query for a
 * procsweep series (issue 9, acceptance 3). With {@code --state} it leaves a state file a later
 * cron scan continues from. Every process started here is ended here, in finally.
 */
@EnabledOnOs(OS.LINUX)
class WatchMetricsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SERVING =
      Pattern.compile("procsweep: metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)");

  @TempDir Path dir;

  @Test
  void prometheusScrapesWatchAndALaterScanContinuesFromItsState() throws Exception {
    Path prometheus = PromTools.require("prometheus", "prometheus");
    Path state = dir.resolve("state.json");
    Path err = dir.resolve("watch.err");
    Path log = dir.resolve("prometheus.log");
    Process watch = null;
    Process server = null;
    try (Fixture zombie = Fixture.start("zombie", false)) {
      int pid = zombie.pid("zombie");
      Fixture.awaitState(pid, 'Z');
      watch = new ProcessBuilder(Cli.command("watch", "--interval", "1s", "--sample", "0",
          "--pid", String.valueOf(pid), "--metrics", "127.0.0.1:0", "--state", state.toString(),
          "--events", dir.resolve("events.jsonl").toString()))
          .directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(dir.resolve("watch.out").toFile()).redirectError(err.toFile())
          .start();
      URI metrics = URI.create(awaitServing(watch, err));

      String body = PromTools.await(metrics, watch, err, 60,
          b -> b.contains("procsweep_scans_total 2"));
      PromTools.assertValid(body);
      assertTrue(body.contains("procsweep_findings{rule=\"zombie\",category=\"zombie\","
          + "severity=\"medium\"} 1"), body);
      assertTrue(body.contains("procsweep_scan_failures_total 0"), body);

      Path config = Files.writeString(dir.resolve("prometheus.yml"), """
          global:
            scrape_interval: 1s
          scrape_configs:
            - job_name: procsweep-watch
              static_configs:
                - targets: ['%s']
          """.formatted(metrics.getAuthority()), StandardCharsets.UTF_8);
      int port = PromTools.freePort();
      server = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      String answer = PromTools.await(URI.create("http://127.0.0.1:" + port
          + "/api/v1/query?query=procsweep_scans_total"), server, log, 120,
          b -> !PromTools.queryResult(b).isEmpty());
      JsonNode series = PromTools.queryResult(answer).get(0);
      assertEquals("procsweep-watch", series.get("metric").get("job").asText(), answer);
      assertTrue(series.get("value").get(1).asLong() >= 1, answer);

      // SIGTERM: a clean end, and the state it wrote after each scan is there.
      watch.destroy();
      assertTrue(watch.waitFor(10, TimeUnit.SECONDS), "watch ended after SIGTERM");
      assertEquals(0, watch.exitValue(), Files.readString(err));
      JsonNode saved = JSON.readTree(state.toFile());
      assertEquals("procsweep/state/v1", saved.get("schema").asText(), saved.toString());

      Cli.Result scan = Cli.run(dir, "scan", "--sample", "0", "--pid", String.valueOf(pid),
          "--state", state.toString(), "--format", "json");
      assertEquals(0, scan.code(), scan.err());
      JsonNode finding = JSON.readTree(scan.out()).get("findings").get(0);
      JsonNode events = JSON.readTree(Files.readAllLines(dir.resolve("events.jsonl")).get(0));
      assertEquals("new", events.get("event").asText());
      assertEquals(events.get("finding").get("firstSeen"), finding.get("firstSeen"),
          "the cron scan keeps the first-seen time watch recorded");
    } finally {
      PromTools.stop(server);
      PromTools.stop(watch);
    }
  }

  private static String awaitServing(Process watch, Path err) throws Exception {
    for (int i = 0; i < 240; i++) {
      Matcher m = SERVING.matcher(Files.readString(err, StandardCharsets.UTF_8));
      if (m.find()) {
        return m.group(1);
      }
      if (!watch.isAlive()) {
        break;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("watch never said where it serves metrics: " + Files.readString(err));
  }
}
