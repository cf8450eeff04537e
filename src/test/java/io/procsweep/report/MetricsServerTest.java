package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.testing.Fixture;
import io.procsweep.testing.PromTools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The /metrics server over real HTTP, serving a real scan of a zombie this test makes: the
 * body is the exposition promtool accepts, a failed scan only counts, paths and methods get
 * their status codes, and close() stops it.
 */
@EnabledOnOs(OS.LINUX)
class MetricsServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> send(MetricsServer server, String method, String path)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://" + ListenAddress.format(server.address()) + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString("x=1"))
        : b.method(method, HttpRequest.BodyPublishers.noBody());
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** 0.0.0.0 is said back as 0.0.0.0, not as the IPv6 wildcard the socket reports. */
  @Test
  void theWildcardIsSaidAsAsked() throws Exception {
    try (MetricsServer server = MetricsServer.start(new InetSocketAddress("0.0.0.0", 0))) {
      String said = ListenAddress.format(server.address());
      assertTrue(said.startsWith("0.0.0.0:"), said);
      assertNotEquals(0, server.address().getPort());
      HttpResponse<String> r = PromTools.get(URI.create("http://127.0.0.1:"
          + server.address().getPort() + "/metrics"));
      assertEquals(200, r.statusCode(), "reachable on loopback through the wildcard");
    }
  }

  @Test
  void servesTheLastGoodScanAndCountsFailures() throws Exception {
    try (Fixture zombie = Fixture.start("zombie", false);
        MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0))) {
      assertNotEquals(0, server.address().getPort(), "port 0 gives a free port");

      HttpResponse<String> before = send(server, "GET", "/metrics");
      assertEquals(200, before.statusCode());
      assertTrue(before.body().contains("\nprocsweep_scans_total 0\n"), before.body());
      PromTools.assertValid(before.body());

      Fixture.awaitState(zombie.pid("zombie"), 'Z');
      Report report = LiveScans.scan(zombie.pid("zombie"));
      server.scanned(report);
      HttpResponse<String> r = send(server, "GET", "/metrics");
      assertEquals(200, r.statusCode());
      assertEquals(List.of("text/plain; version=0.0.4; charset=utf-8"),
          r.headers().allValues("Content-Type"));
      assertEquals(PrometheusExposition.render(report, new PrometheusExposition.Counters(1, 0)),
          r.body());
      assertTrue(r.body().contains(
          "\nprocsweep_findings{rule=\"zombie\",category=\"zombie\",severity=\"medium\"} 1\n"),
          r.body());
      PromTools.assertValid(r.body());

      server.failed();
      String afterFailure = send(server, "GET", "/metrics").body();
      assertTrue(afterFailure.contains("\nprocsweep_scans_total 2\n"), afterFailure);
      assertTrue(afterFailure.contains("\nprocsweep_scan_failures_total 1\n"), afterFailure);
      assertEquals(line(r.body(), "procsweep_last_success_timestamp_seconds "),
          line(afterFailure, "procsweep_last_success_timestamp_seconds "),
          "the last good scan stays served, so its timestamp ages");
      PromTools.assertValid(afterFailure);
    }
  }

  @Test
  void pathsAndMethods() throws Exception {
    try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0))) {
      HttpResponse<String> index = send(server, "GET", "/");
      assertEquals(200, index.statusCode());
      assertTrue(index.body().contains("<a href=\"/metrics\">"), index.body());
      assertEquals(404, send(server, "GET", "/metricsx").statusCode());
      assertEquals(404, send(server, "GET", "/favicon.ico").statusCode());
      HttpResponse<String> post = send(server, "POST", "/metrics");
      assertEquals(405, post.statusCode());
      assertEquals(List.of("GET, HEAD"), post.headers().allValues("Allow"));
      assertEquals(405, send(server, "DELETE", "/").statusCode());
      HttpResponse<String> head = send(server, "HEAD", "/metrics");
      assertEquals(200, head.statusCode());
      assertEquals("", head.body());
    }
  }

  @Test
  void manyScrapesUseOneServingThreadAndCloseStopsIt() throws Exception {
    MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0));
    URI uri = URI.create("http://" + ListenAddress.format(server.address()) + "/metrics");
    try {
      for (int i = 0; i < 200; i++) {
        assertEquals(200, send(server, "GET", "/metrics").statusCode());
      }
      assertEquals(1, servingThreads(), "one small executor, whatever the number of scrapes");
    } finally {
      server.close();
    }
    HttpClient fresh = HttpClient.newHttpClient();
    assertThrows(IOException.class, () -> fresh.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString()));
    assertEquals(0, servingThreads(), "close() ends the serving thread");
  }

  @Test
  void aPortInUseIsOneSentence() throws Exception {
    try (MetricsServer first = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0))) {
      IOException e = assertThrows(IOException.class,
          () -> MetricsServer.start(first.address()));
      assertTrue(e.getMessage().startsWith("cannot listen on "
          + ListenAddress.format(first.address()) + ": "), e.getMessage());
    }
  }

  private static long servingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("procsweep-metrics") && t.isAlive()).count();
  }

  private static String line(String body, String prefix) {
    return body.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }
}
