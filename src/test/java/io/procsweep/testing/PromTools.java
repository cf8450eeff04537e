package io.procsweep.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Prometheus tools from Debian (packages prometheus, which ships promtool, and
 * prometheus-node-exporter), which .ci/run installs. Off CI a missing tool skips the test and
 * says which package to install; on CI (CI set, as GitHub Actions and most runners do) it
 * fails, since there its absence is a broken setup, not a missing precondition.
 */
public final class PromTools {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private PromTools() {}

  /** The tool at {@code /usr/bin/NAME} (or on the PATH), else skip or fail as above. */
  public static Path require(String name, String debianPackage) {
    Path found = find(name);
    if (found == null) {
      String why = name + " is not installed (apt-get install " + debianPackage
          + "; .ci/run installs it)";
      String ci = System.getenv("CI");
      if (ci != null && !ci.isEmpty() && !ci.equals("false")) {
        Assertions.fail("on CI: " + why);
      }
      Assumptions.abort(why);
    }
    return found;
  }

  private static Path find(String name) {
    Path usual = Path.of("/usr/bin", name);
    if (Files.isExecutable(usual)) {
      return usual;
    }
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(":")) {
      Path p = Path.of(dir, name);
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** promtool's verdict on an exposition, fed on stdin: exit code and what it printed. */
  public record Verdict(int code, String output) {}

  /** Runs {@code promtool check metrics} on {@code exposition}. */
  public static Verdict checkMetrics(String exposition) throws IOException, InterruptedException {
    Path promtool = require("promtool", "prometheus");
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
        .redirectErrorStream(true).start();
    try {
      try (OutputStream in = p.getOutputStream()) {
        in.write(exposition.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new IOException("promtool check metrics did not finish");
      }
      return new Verdict(p.exitValue(), out);
    } finally {
      p.destroyForcibly();
    }
  }

  /** Asserts that promtool accepts the exposition, showing its complaints and the text if not. */
  public static void assertValid(String exposition) throws IOException, InterruptedException {
    Verdict v = checkMetrics(exposition);
    Assertions.assertEquals(0, v.code(),
        "promtool check metrics: " + v.output() + "\n--- exposition:\n" + exposition);
  }

  /**
   * A loopback port that was free a moment ago, for servers that need one on their command
   * line (node_exporter, prometheus). Another process could take it meanwhile; unlikely enough
   * on a test machine, and the server then fails to start, loudly.
   */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** GET {@code uri}: status and body. */
  public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * Polls {@code uri} every 250 ms until {@code done} accepts a 200 body, for at most
   * {@code seconds}; fails with the last response and the server's log if it never does, or at
   * once if the server exited.
   */
  public static String await(URI uri, Process server, Path log, int seconds,
      java.util.function.Predicate<String> done) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String last = "no response";
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        Assertions.fail("the server exited with " + server.exitValue() + ": " + tail(log));
      }
      try {
        HttpResponse<String> r = get(uri);
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200 && done.test(r.body())) {
          return r.body();
        }
      } catch (IOException e) {
        last = e.toString(); // not listening yet
      }
      Thread.sleep(250);
    }
    return Assertions.fail("no answer from " + uri + " within " + seconds + " s; last: "
        + last + "\n--- server log:\n" + tail(log));
  }

  /**
   * The {@code data.result} array of a Prometheus HTTP API answer, failing the test when the
   * answer is not JSON or not a success.
   */
  public static com.fasterxml.jackson.databind.JsonNode queryResult(String body) {
    try {
      com.fasterxml.jackson.databind.JsonNode root =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      Assertions.assertEquals("success", root.get("status").asText(), body);
      return root.get("data").get("result");
    } catch (IOException e) {
      return Assertions.fail("not JSON: " + body, e);
    }
  }

  /** Stops a server this test started, and waits for it. */
  public static void stop(Process server) throws InterruptedException {
    if (server == null) {
      return;
    }
    server.destroy();
    if (!server.waitFor(10, TimeUnit.SECONDS)) {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String tail(Path log) throws IOException {
    if (log == null || !Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
