package io.procsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.procsweep.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/: the alert rules and scrape configuration checked by the real promtool, the rules'
 * unit tests run by it (and shown to fail on a broken rule), the DaemonSet read with Jackson and
 * held to its security settings and the watch command it runs.
 */
class DeployTest {
  private static final Path DEPLOY = Path.of("deploy");
  private static final Path ALERTS = DEPLOY.resolve("prometheus/alerts.yml");
  private static final Path ALERT_TESTS = DEPLOY.resolve("prometheus/alerts.test.yml");
  private static final Path SCRAPE = DEPLOY.resolve("prometheus/scrape.yml");
  private static final Path DAEMONSET = DEPLOY.resolve("kubernetes/daemonset.yaml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** The metric names of the contract (DESIGN §8, issue 9): rules may use no others. */
  private static final Set<String> METRICS = Set.of("procsweep_findings",
      "procsweep_processes", "procsweep_threads", "procsweep_scan_duration_seconds",
      "procsweep_unreadable_reads", "procsweep_last_success_timestamp_seconds",
      "procsweep_info", "procsweep_scans_total", "procsweep_scan_failures_total");
  private static final Pattern METRIC = Pattern.compile("\\bprocsweep_[a-z_]+");

  @TempDir Path dir;

  @Test
  void alertRulesPassPromtoolCheckRules() throws Exception {
    assumePromtool();
    Run r = run("promtool", "check", "rules", ALERTS.toString());
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("SUCCESS: 8 rules found"), r.output());
  }

  @Test
  void alertUnitTestsPassAndFailOnABrokenRule() throws Exception {
    assumePromtool();
    Run r = run("promtool", "test", "rules", ALERT_TESTS.toString());
    assertEquals(0, r.code(), r.output());
    // The same tests against rules with one threshold wrong: hung processes wait 45m, not 15m.
    String rules = Files.readString(ALERTS);
    String broken = rules.replace("category=\"hung\"}) > 0\n        for: 15m",
        "category=\"hung\"}) > 0\n        for: 45m");
    assertNotEquals(rules, broken);
    Files.writeString(dir.resolve("alerts.yml"), broken);
    Files.copy(ALERT_TESTS, dir.resolve("alerts.test.yml"));
    Run failing = run("promtool", "test", "rules", dir.resolve("alerts.test.yml").toString());
    assertNotEquals(0, failing.code(), failing.output());
    assertTrue(failing.output().contains("alertname: ProcsweepHungProcesses"), failing.output());
  }

  @Test
  void everyAlertUsesContractMetricsAndHasAUnitTest() throws Exception {
    Set<String> alerts = new TreeSet<>();
    Set<String> used = new TreeSet<>();
    for (JsonNode rule : YAML.readTree(ALERTS.toFile()).at("/groups/0/rules")) {
      alerts.add(rule.get("alert").asText());
      Matcher m = METRIC.matcher(rule.get("expr").asText());
      while (m.find()) {
        used.add(m.group());
      }
    }
    assertEquals(Set.of("ProcsweepZombiesLingering", "ProcsweepZombiesAccumulating",
        "ProcsweepOrphanedDevServer", "ProcsweepHungProcesses", "ProcsweepScanFailing",
        "ProcsweepScansStale", "ProcsweepScheduledScansStale", "ProcsweepMetricsAbsent"),
        alerts);
    assertTrue(METRICS.containsAll(used), "not in the contract: " + used);
    Set<String> tested = new TreeSet<>();
    for (JsonNode test : YAML.readTree(ALERT_TESTS.toFile()).get("tests")) {
      for (JsonNode t : test.get("alert_rule_test")) {
        if (t.get("exp_alerts").size() > 0) {
          tested.add(t.get("alertname").asText());
        }
      }
    }
    assertEquals(alerts, tested, "each alert is shown to fire in alerts.test.yml");
  }

  /**
   * Debian's Prometheus is built without Kubernetes service discovery (promtool rejects
   * {@code kubernetes_sd_configs} as an unknown field), so the pod job is checked with a static
   * target carrying the labels discovery would give it; everything else is checked as written.
   */
  @Test
  void scrapeConfigPassesPromtoolCheckConfig() throws Exception {
    assumePromtool();
    ObjectNode config = (ObjectNode) YAML.readTree(SCRAPE.toFile());
    JsonNode pods = null;
    for (JsonNode job : config.get("scrape_configs")) {
      if (job.has("kubernetes_sd_configs")) {
        pods = job;
        assertEquals("pod", job.at("/kubernetes_sd_configs/0/role").asText());
        ObjectNode j = (ObjectNode) job;
        j.remove("kubernetes_sd_configs");
        ObjectNode target = j.putArray("static_configs").addObject();
        target.putArray("targets").add("10.1.2.3:80");
        ObjectNode labels = target.putObject("labels");
        labels.put("__meta_kubernetes_pod_annotation_prometheus_io_scrape", "true");
        labels.put("__meta_kubernetes_pod_annotation_prometheus_io_port", "9731");
      }
    }
    assertTrue(pods != null, "a kubernetes_sd job");
    JsonNode keep = pods.at("/relabel_configs/0");
    assertEquals("keep", keep.get("action").asText());
    assertEquals("__meta_kubernetes_pod_annotation_prometheus_io_scrape",
        keep.at("/source_labels/0").asText());
    Files.copy(ALERTS, dir.resolve("alerts.yml"));
    Path checked = dir.resolve("prometheus.yml");
    YAML.writeValue(checked.toFile(), config);
    Run r = run("promtool", "check", "config", checked.toString());
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("SUCCESS: 8 rules found"), r.output());
  }

  @Test
  void daemonSetRunsWatchWithOnlyWhatScanningNeeds() throws Exception {
    JsonNode ds = YAML.readTree(DAEMONSET.toFile());
    assertEquals("DaemonSet", ds.get("kind").asText());
    JsonNode pod = ds.at("/spec/template/spec");
    assertTrue(pod.get("hostPID").asBoolean());
    assertTrue(pod.get("hostNetwork").asBoolean(), "listeners are read from /proc/net");
    assertFalse(pod.get("automountServiceAccountToken").asBoolean());
    assertEquals("Exists", pod.at("/tolerations/0/operator").asText());
    assertFalse(pod.at("/tolerations/0").has("key"), "tolerates every taint");
    assertFalse(pod.has("volumes"), "no volume is needed");
    assertEquals(1, pod.get("containers").size());
    JsonNode c = pod.at("/containers/0");
    JsonNode sc = c.get("securityContext");
    assertFalse(sc.get("privileged").asBoolean());
    assertFalse(sc.get("allowPrivilegeEscalation").asBoolean());
    assertTrue(sc.get("readOnlyRootFilesystem").asBoolean());
    assertEquals(0, sc.get("runAsUser").asInt());
    assertEquals(List.of("ALL"), texts(sc.at("/capabilities/drop")));
    assertEquals(List.of("SYS_PTRACE", "DAC_READ_SEARCH"), texts(sc.at("/capabilities/add")));
    assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
    assertEquals("128Mi", c.at("/resources/limits/memory").asText());

    List<String> args = texts(c.get("args"));
    assertEquals(List.of("watch", "--interval", "30s", "--metrics", "0.0.0.0:9731", "--sample",
        "1s"), args);
    JsonNode annotations = ds.at("/spec/template/metadata/annotations");
    assertEquals("true", annotations.get("prometheus.io/scrape").asText());
    assertEquals(9731, annotations.get("prometheus.io/port").asInt());
    assertEquals(9731, c.at("/ports/0/containerPort").asInt());
    assertEquals("/metrics", annotations.get("prometheus.io/path").asText());
    // scrape.yml keeps pods by this label.
    assertEquals("procsweep",
        ds.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText());
  }

  /**
   * The DaemonSet's own arguments run: one scan (--count 1), the metrics server bound to a free
   * loopback port instead of the pod's 0.0.0.0:9731, so a renamed or dropped option fails here.
   */
  @Test
  void daemonSetWatchArgumentsRun() throws IOException {
    JsonNode ds = YAML.readTree(DAEMONSET.toFile());
    List<String> args = new ArrayList<>();
    for (String a : texts(ds.at("/spec/template/spec/containers/0/args"))) {
      args.add(a.equals("0.0.0.0:9731") ? "127.0.0.1:0" : a.equals("30s") ? "0" : a);
    }
    args.addAll(List.of("--count", "1", "--events", "/dev/null"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
        args.toArray(String[]::new));
    assertEquals(0, code, err.toString());
    assertTrue(err.toString().contains("procsweep: metrics at http://127.0.0.1:"), err.toString());
    assertTrue(err.toString().contains("watch ended after 1 scan"), err.toString());
  }

  @Test
  void imageIsBuiltFromTheShadedJarOnTemurin17() throws IOException {
    String docker = Files.readString(DEPLOY.resolve("Dockerfile"));
    assertTrue(docker.contains("\nFROM eclipse-temurin:17-jre\n"), docker);
    assertTrue(docker.contains("COPY target/procsweep.jar "), docker);
    // The root filesystem is read-only: JNA must not unpack into /tmp.
    assertTrue(docker.contains("\"-Djna.nounpack=true\""), docker);
    assertTrue(docker.contains("There is no published image"), docker);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    ((ArrayNode) array).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void assumePromtool() {
    boolean found = false;
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      found |= Files.isExecutable(Path.of(d, "promtool"));
    }
    assumeTrue(found, "promtool missing (apt-get install prometheus)");
  }

  private record Run(int code, String output) {}

  private static Run run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new IOException(String.join(" ", cmd) + " did not finish");
      }
      return new Run(p.exitValue(), out);
    } finally {
      p.destroyForcibly();
    }
  }
}
