package io.procsweep.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves the last successful scan as Prometheus metrics over HTTP (the JDK's {@link
 * HttpServer}): {@code GET /metrics} is the exposition of {@link PrometheusExposition} with the
 * loop's counters, {@code GET /} a short page pointing there; any other path is 404 and any
 * method but GET and HEAD 405.
 *
 * <p>A failed scan only counts: the last good scan stays served, so its {@code
 * procsweep_last_success_timestamp_seconds} ages, which is what an alert on stale scans reads,
 * while {@code procsweep_scan_failures_total} says why.
 *
 * <p>Each publication renders the whole response once into an immutable byte array held in a
 * volatile field; a scrape only writes those bytes out, so it neither waits for a scan nor
 * renders anything, and the server holds one response whatever the number of scrapes.
 * Requests are served by one daemon thread, enough for the few scrapers a host has.
 */
public final class MetricsServer implements AutoCloseable {
  private static final byte[] INDEX = ("<!DOCTYPE html>\n<title>procsweep</title>\n"
      + "<p>procsweep: Prometheus metrics at <a href=\"/metrics\">/metrics</a></p>\n")
      .getBytes(StandardCharsets.UTF_8);

  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final InetSocketAddress asked;
  private final ExecutorService executor;

  /** The response body of /metrics: replaced whole, never changed. */
  private volatile byte[] body;

  // Guarded by this: the state that the next body is rendered from.
  private Report last;
  private long scans;
  private long failures;

  private MetricsServer(HttpServer server, ExecutorService executor, InetSocketAddress asked) {
    this.server = server;
    this.asked = asked;
    this.executor = executor;
    this.body = render();
  }

  /**
   * Starts serving on {@code address} (port 0: a free port, see {@link #address()}). Until the
   * first {@link #scanned}, /metrics has only the counters.
   *
   * @throws IOException when the address cannot be bound, with a message naming it
   */
  public static MetricsServer start(InetSocketAddress address) throws IOException {
    // The JDK's server sends headers and body as two writes; under Nagle's algorithm the body
    // then waits for the client's delayed ACK (40 ms on Linux) on every keep-alive scrape. The
    // property is read once, when the first server of the JVM is made; a choice made on the
    // command line stands.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new IOException("cannot listen on " + ListenAddress.format(address) + ": "
          + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "procsweep-metrics");
      t.setDaemon(true);
      return t;
    });
    MetricsServer metrics = new MetricsServer(server, executor, address);
    server.setExecutor(executor);
    server.createContext("/", metrics::handle);
    server.start();
    return metrics;
  }

  /**
   * The address it listens on: the host as asked, with the port chosen when 0 was asked for.
   * (On a dual-stack JVM the socket reports 0.0.0.0 as the IPv6 wildcard, which would print
   * as {@code [0:0:0:0:0:0:0:0]} for a user who asked for {@code 0.0.0.0}.)
   */
  public InetSocketAddress address() {
    int port = server.getAddress().getPort();
    return asked.isUnresolved() ? server.getAddress()
        : new InetSocketAddress(asked.getAddress(), port);
  }

  /** Publishes a successful scan: served from now on, and counted. */
  public synchronized void scanned(Report report) {
    last = report;
    scans++;
    body = render();
  }

  /** Counts a failed scan; the last successful one stays served. */
  public synchronized void failed() {
    scans++;
    failures++;
    body = render();
  }

  /** Stops listening and drops open connections; returns within about a second. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized byte[] render() {
    return PrometheusExposition.render(last, new PrometheusExposition.Counters(scans, failures))
        .getBytes(StandardCharsets.UTF_8);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/metrics") && !path.equals("/")) {
        respond(exchange, 404, "text/plain; charset=utf-8",
            "not found; metrics are at /metrics\n".getBytes(StandardCharsets.UTF_8));
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8",
            "method not allowed; use GET\n".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/metrics")) {
        respond(exchange, 200, PrometheusExposition.CONTENT_TYPE, body);
      } else {
        respond(exchange, 200, "text/html; charset=utf-8", INDEX);
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] content)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, content.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(content);
    }
  }
}
