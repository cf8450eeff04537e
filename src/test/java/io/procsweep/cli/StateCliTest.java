package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Schemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --state} as cron runs it: separate procsweep processes, one state file, real
 * stopped processes. Every scan is scoped to the fixture with {@code --pid}.
 */
class StateCliTest {
  @TempDir Path tmp;

  private Cli.Result scan(Path state, int pid, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("scan", "--state", state.toString(),
        "--sample", "0", "--pid", String.valueOf(pid), "--format", "json"));
    args.addAll(List.of(more));
    return Cli.run(tmp, args.toArray(String[]::new));
  }

  private static JsonNode onlyFinding(Cli.Result r) throws Exception {
    assertEquals(0, r.code(), r.err());
    JsonNode findings = Schemas.parse(r.out()).get("findings");
    assertEquals(1, findings.size(), r.out());
    return findings.get(0);
  }

  private static Fixture stopped() throws Exception {
    Fixture f = Fixture.start("stopped", false);
    Fixture.awaitState(f.pid("stopped"), 'T');
    return f;
  }

  @Test
  void twoScansWithOneStateFileKeepFirstSeen() throws Exception {
    Path state = tmp.resolve("state.json");
    try (Fixture f = stopped()) {
      int pid = f.pid("stopped");
      Cli.Result first = scan(state, pid);
      JsonNode a = onlyFinding(first);
      Cli.Result second = scan(state, pid);
      JsonNode b = onlyFinding(second);
      assertEquals("stopped", a.get("rule").asText());
      assertEquals("stopped", b.get("rule").asText());
      Instant seen = Instant.parse(a.get("firstSeen").asText());
      assertEquals(Schemas.parse(first.out()).at("/scan/startedAt").asText(),
          a.get("firstSeen").asText(), "first seen by the first scan");
      assertEquals(a.get("firstSeen").asText(), b.get("firstSeen").asText());
      Instant secondStart = Instant.parse(Schemas.parse(second.out()).at("/scan/startedAt")
          .asText());
      assertTrue(secondStart.isAfter(seen), "the second scan started later: " + secondStart);
      assertEquals(List.of(), List.copyOf(Schemas.validate(Schemas.REPORT, second.out())));
    }
  }

  @Test
  void aProcessStoppedBeforeTheFirstScanIsKnownStoppedForTheTimeBetweenScans()
      throws Exception {
    Path state = tmp.resolve("state.json");
    // stopped-long, lowered from ten minutes to two seconds.
    Path rules = Files.writeString(tmp.resolve("lowered.yaml"), String.join("\n",
        "version: 1",
        "override:",
        "  - id: stopped-long",
        "    when:",
        "      all:",
        "        - { state: stopped }",
        "        - { state_seconds: { gt: 2 } }",
        ""));
    try (Fixture f = stopped()) {
      int pid = f.pid("stopped");
      JsonNode first = onlyFinding(scan(state, pid, "--rules", rules.toString()));
      assertEquals("stopped", first.get("rule").asText(), "time in state unknown at first");
      Thread.sleep(3_000);
      JsonNode second = onlyFinding(scan(state, pid, "--rules", rules.toString()));
      assertEquals("stopped-long", second.get("rule").asText(), second.toString());
      double seconds = second.at("/evidence/state_seconds").asDouble();
      assertTrue(seconds >= 3.0, "state_seconds " + seconds);
    }
  }

  @Test
  void fourConcurrentScansOnOneStateFileAllSucceedAndLeaveItValid() throws Exception {
    Path state = tmp.resolve("state.json");
    try (Fixture f = stopped()) {
      int pid = f.pid("stopped");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Cli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          runs.add(pool.submit(() -> scan(state, pid))); // four procsweep processes at once
        }
        for (Future<Cli.Result> run : runs) {
          Cli.Result r = run.get();
          assertEquals(0, r.code(), r.err());
          assertEquals("", r.err());
        }
      } finally {
        pool.shutdownNow();
      }
      String json = Files.readString(state, StandardCharsets.UTF_8);
      JsonNode doc = Schemas.parse(json);
      assertEquals("procsweep/state/v1", doc.get("schema").asText());
      assertEquals(List.of(), List.copyOf(Schemas.validate(Schemas.STATE, json)), json);
      boolean found = false;
      for (JsonNode finding : doc.get("findings")) {
        found |= finding.get("pid").asInt() == pid
            && finding.get("rule").asText().equals("stopped");
      }
      assertTrue(found, json);
      try (Stream<Path> left = Files.list(tmp)) {
        assertEquals(List.of("state.json", "state.json.lock"), left
            .map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
      }
    }
  }

  @Test
  void aTruncatedStateFileIsSetAsideWithAWarningAndTheScanGoesOn() throws Exception {
    Path state = tmp.resolve("state.json");
    try (Fixture f = stopped()) {
      int pid = f.pid("stopped");
      onlyFinding(scan(state, pid));
      String whole = Files.readString(state);
      Files.writeString(state, whole.substring(0, whole.length() / 2));

      Cli.Result r = scan(state, pid);
      JsonNode finding = onlyFinding(r);
      assertNotNull(finding.get("firstSeen"));
      List<String> lines = r.err().lines().toList();
      assertEquals(1, lines.size(), r.err());
      Path aside;
      try (Stream<Path> s = Files.list(tmp)) {
        aside = s.filter(p -> p.getFileName().toString().startsWith("state.json.corrupt-"))
            .findFirst().orElseThrow();
      }
      assertTrue(lines.get(0).startsWith("procsweep: warning: the state file " + state), lines.get(0));
      assertTrue(lines.get(0).contains("set aside as " + aside), lines.get(0));
      // The run went on and saved a fresh, valid state.
      assertEquals(List.of(), List.copyOf(Schemas.validate(Schemas.STATE, Files.readString(state))));
    }
  }

  @Test
  void aDirectoryAsStateFileIsAUsageErrorInOneSentence() throws Exception {
    Cli.Result r = Cli.run(tmp, "scan", "--state", tmp.toString(), "--sample", "0", "--pid",
        String.valueOf(ProcessHandle.current().pid()));
    assertEquals(2, r.code());
    assertEquals("procsweep: --state " + tmp + " is a directory; name a file in it, e.g. "
        + tmp.resolve("state.json") + "\n", r.err());
    assertFalse(Files.exists(tmp.resolve("state.json")));
  }
}
