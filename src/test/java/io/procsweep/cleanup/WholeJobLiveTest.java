package io.procsweep.cleanup;

import static io.procsweep.cleanup.LiveRun.alive;
import static io.procsweep.cleanup.LiveRun.outcome;
import static io.procsweep.cleanup.LiveRun.sentIn;
import static io.procsweep.cleanup.LiveRun.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cleanup ends what it found, on real processes: the server a wrapper started (its port freed),
 * a stopped server's graceful shutdown, 25 zombies of one parent in one action, and three
 * TERM-ignoring orphans escalated together. Each run is scoped to the test's own fixtures.
 */
@EnabledOnOs(OS.LINUX)
class WholeJobLiveTest {
  @TempDir Path dir;
  private LiveRun run;

  @BeforeEach
  void setUp() {
    run = new LiveRun(dir);
  }

  @Test
  void safeCleanupOfAWrapperEndsTheServerHoldingItsPort() throws Exception {
    try (Fixture f = Fixture.start("port-wrapper", true)) {
      int wrapper = f.pid("wrapper");
      int sh = f.pid("sh");
      int server = f.pid("server");
      int port = Integer.parseInt(f.value("port"));
      assertTrue(server > 0, "the fixture's server never listened");
      assertTrue(listening(port), "port " + port + " is not in the socket table");

      // The scan: one finding, on the orphaned wrapper, naming the server that holds the port.
      Cli.Result scan = io.procsweep.testing.Cli.run(dir, "scan", "--sample", "0", "--format",
          "json", "--rules", run.subreaperRules().toString(), "--match", f.marker());
      assertEquals(0, scan.code(), scan.err());
      JsonNode findings = LiveRun.JSON.readTree(scan.out()).get("findings");
      assertEquals(1, findings.size(), scan.out());
      JsonNode only = findings.get(0);
      assertEquals(wrapper, only.at("/process/pid").asInt(), scan.out());
      assertEquals("stale-listener-orphan", only.get("rule").asText(), scan.out());
      assertTrue(only.at("/context/treeListeners").toString().contains(String.valueOf(server)),
          scan.out());
      assertTrue(only.at("/context/treeListeningPorts").toString().contains(String.valueOf(port)),
          scan.out());

      Cli.Result r = run.clean("--mode", "safe", "--yes", "--grace", "5s",
          "--rules", run.subreaperRules().toString(), "--match", f.marker());
      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode doc = outcome(r);
      JsonNode t = target(doc, wrapper);
      assertEquals("terminated", t.get("status").asText(), r.out());
      assertEquals(List.of("SIGTERM"), sentIn(doc, server), r.out());
      assertFalse(listening(port), "port " + port + " still held after cleanup: " + r.out());
      for (int pid : List.of(wrapper, sh, server)) {
        LiveRun.awaitGone(pid); // sh ends by itself once its server is gone
      }
    }
  }

  @Test
  void aStoppedServerEndsGracefullyInSafeMode() throws Exception {
    try (Fixture f = Fixture.start("stopped-graceful", true)) {
      Path ran = Path.of("/tmp/" + f.marker() + "-term");
      try {
        int server = f.pid("server");
        Fixture.awaitState(server, 'T');
        Cli.Result r = run.clean("--mode", "safe", "--yes", "--grace", "5s",
            "--rules", run.subreaperRules().toString(), "--match", f.marker());
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode doc = outcome(r);
        assertEquals("terminated", target(doc, server).get("status").asText(), r.out());
        assertEquals(List.of("SIGTERM", "SIGCONT"), sentIn(doc, server), r.out());
        assertTrue(Files.exists(ran), "its SIGTERM handler did not run: " + r.out());
        assertFalse(alive(server));
      } finally {
        Files.deleteIfExists(ran);
      }
    }
  }

  @Test
  void twentyFiveZombiesOfOneParentAreOneActionAndAllReaped() throws Exception {
    try (Fixture f = Fixture.start("zombie-crowd", true)) {
      Path reaped = Path.of("/tmp/" + f.marker() + "-reaped");
      try {
        int parent = f.pid("parent");
        Set<Integer> zombies = new HashSet<>();
        for (int i = 0; i < 25; i++) {
          zombies.add(f.pid("zombie" + i));
        }
        String reaper = String.valueOf(f.reaperPid());
        JsonNode plan = run.plan(dir.resolve("plan.json"), "--mode", "safe", "--rule", "zombie",
            "--descendants-of", reaper);
        List<JsonNode> signalling = new ArrayList<>();
        for (JsonNode a : plan.get("actions")) {
          if (!a.get("action").asText().equals("none")) {
            signalling.add(a);
          }
        }
        assertEquals(1, signalling.size(), plan.toString());
        JsonNode action = signalling.get(0);
        assertEquals("signal-parent", action.get("action").asText());
        assertEquals(parent, action.at("/processes/0/pid").asInt());
        Set<Integer> planned = new HashSet<>();
        action.get("zombies").forEach(z -> planned.add(z.get("pid").asInt()));
        assertEquals(zombies, planned);

        Cli.Result r = run.clean("--mode", "safe", "--yes", "--grace", "5s",
            "--rule", "zombie", "--descendants-of", reaper);
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode doc = outcome(r);
        for (int z : zombies) {
          assertEquals("terminated", target(doc, z).get("status").asText(), r.out());
        }
        assertEquals(List.of("SIGCHLD"), run.auditedSignals(parent, "sent"), run.auditText());
        int count = 0;
        for (String line : Files.readAllLines(reaped, StandardCharsets.UTF_8)) {
          count += Integer.parseInt(line.trim());
        }
        assertEquals(25, count, "zombies the parent reaped on our SIGCHLD");
        for (int z : zombies) {
          assertFalse(Files.exists(Path.of("/proc/" + z)), "zombie " + z + " still there");
        }
      } finally {
        Files.deleteIfExists(reaped);
      }
    }
  }

  @Test
  void threeTermIgnoringOrphansGetEveryFirstTermBeforeAnySecond() throws Exception {
    try (Fixture x = Fixture.start("stubborn-orphan", true);
        Fixture y = Fixture.start("stubborn-orphan", true);
        Fixture z = Fixture.start("stubborn-orphan", true)) {
      List<Integer> orphans = List.of(x.pid("orphan"), y.pid("orphan"), z.pid("orphan"));
      Cli.Result r = run.clean("--mode", "forced", "--yes", "--grace", "1s",
          "--rules", run.subreaperRules().toString(),
          "--match", x.marker() + "|" + y.marker() + "|" + z.marker());
      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode doc = outcome(r);
      // SIGTERM deliveries in the order the audit log recorded them.
      List<Integer> terms = new ArrayList<>();
      for (JsonNode e : run.auditEntries()) {
        if (e.path("phase").asText().equals("result") && e.path("result").asText().equals("sent")
            && e.path("signal").asText().equals("SIGTERM")) {
          terms.add(e.at("/target/pid").asInt());
        }
      }
      assertEquals(6, terms.size(), run.auditText());
      assertEquals(Set.copyOf(orphans), Set.copyOf(terms.subList(0, 3)),
          "the first TERM went to all three before any got a second: " + terms);
      assertEquals(Set.copyOf(orphans), Set.copyOf(terms.subList(3, 6)), terms.toString());
      for (int o : orphans) {
        assertEquals("terminated", target(doc, o).get("status").asText(), r.out());
        assertTrue(sentIn(doc, o).contains("SIGKILL"), r.out());
        assertFalse(alive(o), "pid " + o + " still alive");
      }
    }
  }

  /** Whether the socket table holds a TCP listener on {@code port} (any address, v4 or v6). */
  private static boolean listening(int port) throws IOException {
    String hex = String.format(Locale.ROOT, ":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.exists(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p, StandardCharsets.US_ASCII)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[1].endsWith(hex) && f[3].equals("0A")) {
          return true;
        }
      }
    }
    return false;
  }
}
