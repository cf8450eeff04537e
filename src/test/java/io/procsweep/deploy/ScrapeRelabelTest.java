package io.procsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod job of deploy/prometheus/scrape.yml applied by a real Prometheus on loopback. Debian's
 * Prometheus has no Kubernetes discovery, so the job gets static targets carrying the labels
 * discovery gives a pod: the annotated procsweep pod is scraped at the annotation's port and
 * path and named after its node; a pod without the annotation and another app's pod are dropped.
 */
@EnabledOnOs(OS.LINUX)
class ScrapeRelabelTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void podJobScrapesTheAnnotatedProcsweepPodOnly() throws Exception {
    assumeTrue(new File("/usr/bin/prometheus").canExecute(),
        "prometheus missing (apt-get install prometheus)");
    HttpServer metrics = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        0), 0);
    metrics.createContext("/custom-metrics", exchange -> {
      byte[] body = ("# HELP procsweep_info procsweep build\n# TYPE procsweep_info gauge\n"
          + "procsweep_info{version=\"test\",backend=\"proc\"} 1\n")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(body);
      }
    });
    metrics.start();
    int metricsPort = metrics.getAddress().getPort();
    int webPort = freePort();
    Process prometheus = null;
    try {
      Path config = dir.resolve("prometheus.yml");
      YAML.writeValue(config.toFile(), podJobOnly(metricsPort));
      prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("data"),
          "--web.listen-address=127.0.0.1:" + webPort)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile())
          .start();
      String api = "http://127.0.0.1:" + webPort + "/api/v1/";

      JsonNode series = waitFor(api + "query?query="
          + URLEncoder.encode("procsweep_info", StandardCharsets.UTF_8), prometheus);
      assertEquals(1, series.size(), series.toString());
      JsonNode labels = series.get(0).get("metric");
      assertEquals("node-a", labels.get("instance").asText());
      assertEquals("procsweep", labels.get("job").asText());
      assertEquals("pod-a", labels.get("pod").asText());

      JsonNode targets = get(api + "targets").at("/data/activeTargets");
      assertEquals(1, targets.size(), targets.toString());
      assertEquals("http://127.0.0.1:" + metricsPort + "/custom-metrics",
          targets.get(0).get("scrapeUrl").asText());
      assertEquals(2, get(api + "targets").at("/data/droppedTargets").size());
    } finally {
      if (prometheus != null) {
        prometheus.destroy();
        if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly();
        }
      }
      metrics.stop(0);
    }
  }

  /** scrape.yml's kubernetes_sd job, fed three pods' discovery labels as static targets. */
  private ObjectNode podJobOnly(int metricsPort) throws IOException {
    JsonNode scrape = YAML.readTree(Path.of("deploy/prometheus/scrape.yml").toFile());
    ObjectNode job = null;
    for (JsonNode j : scrape.get("scrape_configs")) {
      if (j.has("kubernetes_sd_configs")) {
        job = (ObjectNode) j.deepCopy();
      }
    }
    assertTrue(job != null, "scrape.yml has a kubernetes_sd job");
    job.remove("kubernetes_sd_configs");
    job.put("scrape_interval", "1s");
    ArrayNode statics = job.putArray("static_configs");
    // The pod's address as discovery gives it: the pod IP and its first declared port.
    pod(statics, "127.0.0.1:1", Map.of("scrape", "true", "port", String.valueOf(metricsPort),
        "path", "/custom-metrics"), "procsweep", "node-a", "pod-a");
    pod(statics, "127.0.0.1:2", Map.of("port", String.valueOf(metricsPort)), "procsweep",
        "node-b", "pod-b");
    pod(statics, "127.0.0.1:3", Map.of("scrape", "true", "port", String.valueOf(metricsPort)),
        "other-app", "node-c", "pod-c");
    ObjectNode config = YAML.createObjectNode();
    config.putObject("global").put("scrape_interval", "1s").put("evaluation_interval", "1s");
    config.putArray("scrape_configs").add(job);
    return config;
  }

  private static void pod(ArrayNode statics, String address, Map<String, String> annotations,
      String app, String node, String pod) {
    ObjectNode t = statics.addObject();
    t.putArray("targets").add(address);
    ObjectNode labels = t.putObject("labels");
    annotations.forEach((k, v) ->
        labels.put("__meta_kubernetes_pod_annotation_prometheus_io_" + k, v));
    labels.put("__meta_kubernetes_pod_label_app_kubernetes_io_name", app);
    labels.put("__meta_kubernetes_pod_node_name", node);
    labels.put("__meta_kubernetes_pod_name", pod);
    labels.put("__meta_kubernetes_namespace", "monitoring");
  }

  /** Polls a query until it returns a series (Prometheus starts, then scrapes every second). */
  private static JsonNode waitFor(String url, Process prometheus) throws Exception {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      assertTrue(prometheus.isAlive(), "prometheus exited: " + seen);
      try {
        JsonNode result = get(url).at("/data/result");
        if (result.size() > 0) {
          return result;
        }
        seen.add(result.toString());
      } catch (IOException e) {
        seen.add(e.toString()); // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no series from " + url + ": " + seen.subList(
        Math.max(0, seen.size() - 3), seen.size()));
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(url + ": HTTP " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
