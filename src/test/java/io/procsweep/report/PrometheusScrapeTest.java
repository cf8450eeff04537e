package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.PromTools;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's /usr/bin/prometheus) on loopback scrapes a {@link
 * MetricsServer} in this JVM every second, and its HTTP API returns the procsweep series: what
 * {@code watch --metrics} serves is what Prometheus ingests, labels and all.
 */
@EnabledOnOs(OS.LINUX)
class PrometheusScrapeTest {
  @TempDir Path dir;

  @Test
  void prometheusScrapesTheMetricsServer() throws Exception {
    Path prometheus = PromTools.require("prometheus", "prometheus");
    Process server = null;
    Path log = dir.resolve("prometheus.log");
    try (Fixture zombie = Fixture.start("zombie", false);
        MetricsServer metrics = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0))) {
      Fixture.awaitState(zombie.pid("zombie"), 'Z');
      metrics.scanned(LiveScans.scan(zombie.pid("zombie")));

      Path config = Files.writeString(dir.resolve("prometheus.yml"), """
          global:
            scrape_interval: 1s
            evaluation_interval: 1s
          scrape_configs:
            - job_name: procsweep
              static_configs:
                - targets: ['%s']
          """.formatted(ListenAddress.format(metrics.address())), StandardCharsets.UTF_8);
      int port = PromTools.freePort();
      server = new ProcessBuilder(prometheus.toString(),
          "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();

      URI query = URI.create("http://127.0.0.1:" + port
          + "/api/v1/query?query=procsweep_findings%7Brule%3D%22zombie%22%7D");
      // Generous: start-up, the first scrape and the first query are all of a few seconds.
      String body = PromTools.await(query, server, log, 120,
          b -> !PromTools.queryResult(b).isEmpty());
      JsonNode series = PromTools.queryResult(body).get(0);
      assertEquals("procsweep", series.get("metric").get("job").asText(), body);
      assertEquals("zombie", series.get("metric").get("category").asText(), body);
      assertEquals("medium", series.get("metric").get("severity").asText(), body);
      assertEquals("1", series.get("value").get(1).asText(), body);

      String processes = PromTools.await(URI.create("http://127.0.0.1:" + port
          + "/api/v1/query?query=procsweep_processes"), server, log, 60,
          b -> !PromTools.queryResult(b).isEmpty());
      assertEquals(7, PromTools.queryResult(processes).size(), "one series per state: " + processes);
    } finally {
      PromTools.stop(server);
    }
  }
}
