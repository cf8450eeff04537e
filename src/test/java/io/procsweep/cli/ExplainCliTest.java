package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Schemas;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, acceptance 3: {@code procsweep explain} on a real orphaned listener (a test server
 * leaked by a run in a session of its own, adopted by the fixture's subreaper) names its port
 * and holders, why a rule that did not match failed, and the plan in each mode; {@code explain
 * --port} on a port nobody holds says so and exits 0. procsweep runs as its own process; the
 * fixture is killed in close, whatever happens.
 */
@EnabledOnOs(OS.LINUX)
class ExplainCliTest {
  private static final String SCHEMA = "explain-v1.schema.json";

  @TempDir Path dir;

  @Test
  void theSchemaIsValidJsonSchema() throws Exception {
    assertEquals(Set.of(), Schemas.validateSchemaFile(SCHEMA));
  }

  /** The fixture's subreaper adopts like init does. */
  private Path rules() throws Exception {
    Path rules = dir.resolve("reaper.yaml");
    Files.writeString(rules, "version: 1\nsubreapers: [psweep-reaper]\n");
    return rules;
  }

  @Test
  void explainsARealOrphanedListener() throws Exception {
    try (Fixture f = Fixture.start("lost-session-listener", true)) {
      int server = f.pid("server");
      int port = Integer.parseInt(f.value("port"));
      Path rules = rules();

      Cli.Result json = Cli.run(dir, "explain", String.valueOf(server), "--sample", "0",
          "--rules", rules.toString());
      assertEquals(0, json.code(), json.err());
      JsonNode doc = Schemas.parse(json.out());
      assertEquals("procsweep/explain/v1", doc.get("schema").asText());
      assertEquals(Set.of(), Schemas.validate(SCHEMA, doc));
      assertEquals(1, doc.get("processes").size());
      JsonNode e = doc.at("/processes/0");
      assertEquals(server, e.at("/process/pid").asInt());

      // The port, and every holder of it: the server alone (its opener has exited).
      assertEquals(1, e.get("sockets").size(), e.get("sockets").toString());
      assertEquals(port, e.at("/sockets/0/port").asInt());
      assertEquals(List.of(server), pids(e.at("/sockets/0/holders")));
      assertEquals("[" + port + "]", e.at("/facts/listening_ports").toString());
      assertEquals("[" + server + "]", e.at("/facts/listener_holders").toString());

      // Facts in registry order, unknown as null.
      List<String> names = new ArrayList<>();
      e.get("facts").fieldNames().forEachRemaining(names::add);
      assertEquals("pid", names.get(0));
      assertTrue(e.at("/facts/cpu_percent").isNull(), "no sample: cpu_percent unknown");

      // The rule that matched, and why zombie did not.
      JsonNode orphan = rule(e, "stale-listener-orphan");
      assertTrue(orphan.get("matched").asBoolean(), orphan.toString());
      assertTrue(orphan.at("/evidence/reparented").asBoolean());
      assertTrue(orphan.get("failed").isNull());
      JsonNode zombie = rule(e, "zombie");
      assertFalse(zombie.get("matched").asBoolean());
      assertEquals("when", zombie.at("/failed/part").asText());
      assertEquals("state: zombie", zombie.at("/failed/condition").asText());
      assertEquals("sleeping", zombie.at("/failed/values/state").asText());
      assertEquals("state: zombie — was sleeping", zombie.at("/failed/sentence").asText());

      // The plan per mode: an action aimed at the server (root runs the tests, so safe mode
      // may touch it: it is the current user's).
      for (String mode : List.of("safe", "forced")) {
        JsonNode plan = e.at("/plan/" + mode);
        assertFalse(plan.get("action").isNull(), mode + ": " + plan);
        assertEquals(server, plan.at("/action/target/pid").asInt(), plan.toString());
        assertEquals("stale-listener-orphan", plan.at("/action/finding/rule").asText());
        assertTrue(plan.get("protection").isNull(), plan.toString());
      }
      assertEquals("terminate", e.at("/plan/safe/action/action").asText());
      assertEquals("kill-tree", e.at("/plan/forced/action/action").asText());

      // The same as text, for people.
      Cli.Result text = Cli.run(dir, "explain", String.valueOf(server), "--sample", "0",
          "--format", "table", "--rules", rules.toString());
      assertEquals(0, text.code(), text.err());
      String out = text.out();
      assertTrue(out.contains("tcp 127.0.0.1:" + port + ", held by " + server + " ("), out);
      assertTrue(out.contains("zombie (medium, zombie): state: zombie — was sleeping"), out);
      assertTrue(out.lines().anyMatch(l -> l.matches("  safe +terminate: SIGTERM.* to "
          + server + " .*")), out);
      assertTrue(out.lines().anyMatch(l -> l.matches("  forced +kill-tree: SIGTERM.*")), out);

      // --port finds the same process from the port.
      Cli.Result byPort = Cli.run(dir, "explain", "--port", String.valueOf(port), "--sample",
          "0", "--rules", rules.toString());
      assertEquals(0, byPort.code(), byPort.err());
      JsonNode portDoc = Schemas.parse(byPort.out());
      assertEquals(Set.of(), Schemas.validate(SCHEMA, portDoc));
      assertEquals(port, portDoc.get("port").asInt());
      assertTrue(portDoc.get("note").isNull());
      assertEquals(List.of(server), pids(portDoc.get("processes"), "/process/pid"));
    }
  }

  @Test
  void aPortNobodyHoldsIsOneSentenceAndExitZero() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Cli.Result text = Cli.run(dir, "explain", "--port", String.valueOf(port), "--sample", "0",
        "--format", "table");
    assertEquals(0, text.code(), text.err());
    assertEquals("nobody holds a listening socket on port " + port + "\n", text.out());
    assertEquals("", text.err());

    Cli.Result json = Cli.run(dir, "explain", "--port", String.valueOf(port), "--sample", "0");
    assertEquals(0, json.code(), json.err());
    JsonNode doc = Schemas.parse(json.out());
    assertEquals(Set.of(), Schemas.validate(SCHEMA, doc));
    assertEquals("nobody holds a listening socket on port " + port, doc.get("note").asText());
    assertEquals(0, doc.get("processes").size());
  }

  @Test
  void pidOneIsProtectedInEveryMode() throws Exception {
    Cli.Result json = Cli.run(dir, "explain", "1", "--sample", "0");
    assertEquals(0, json.code(), json.err());
    JsonNode doc = Schemas.parse(json.out());
    assertEquals(Set.of(), Schemas.validate(SCHEMA, doc));
    JsonNode e = doc.at("/processes/0");
    assertEquals(1, e.at("/process/pid").asInt());
    for (String mode : List.of("safe", "forced")) {
      JsonNode plan = e.at("/plan/" + mode);
      assertEquals("init", plan.at("/protection/reason").asText(), plan.toString());
      assertEquals("pid 1 is init", plan.at("/protection/detail").asText());
    }
    Cli.Result text = Cli.run(dir, "explain", "1", "--sample", "0", "--format", "table");
    assertEquals(0, text.code(), text.err());
    // Wrapped at the table width (80 without a terminal): compared with the wraps undone.
    assertTrue(text.out().replaceAll("\\s+", " ").contains(" safe nothing: no rule matched; a"
        + " rule that did would be refused (init): pid 1 is init"), text.out());
  }

  @Test
  void aPidNoProcessHasIsOneSentenceAndExitTwo() throws Exception {
    // pid_max itself is never handed out: pids run from 1 to pid_max - 1. (Read as a stream:
    // Files.readString trusts the size procfs reports and returned one byte here.)
    String max;
    try (var in = Files.newInputStream(Path.of("/proc/sys/kernel/pid_max"))) {
      max = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
    }
    Cli.Result r = Cli.run(dir, "explain", max, "--sample", "0");
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("procsweep: no process has pid " + max + "\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void aPidOrAPortIsNeededButNotBoth() throws Exception {
    Cli.Result neither = Cli.run(dir, "explain");
    assertEquals(2, neither.code());
    assertEquals("procsweep: explain needs a PID or --port PORT\n", neither.err());
    Cli.Result both = Cli.run(dir, "explain", "1", "--port", "22");
    assertEquals(2, both.code());
    assertEquals("procsweep: give either a PID or --port, not both\n", both.err());
  }

  private static JsonNode rule(JsonNode explanation, String id) {
    for (JsonNode r : explanation.get("rules")) {
      if (r.get("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + id + " in " + explanation.get("rules"));
  }

  private static List<Integer> pids(JsonNode array) {
    return pids(array, "/pid");
  }

  private static List<Integer> pids(JsonNode array, String pointer) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.at(pointer).asInt()));
    return out;
  }
}
