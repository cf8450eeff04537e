package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.procfs.ProcEnviron;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a CI job and a pre-commit hook ask of a scan, on real orphans: {@code --baseline} (only
 * what is new since an earlier report), the {@code ci_job} fact, {@code --repo}, and the failed
 * gate's lines on stderr. procsweep runs as its own process, so the fixtures are not its
 * descendants; they run under their own subreaper, made known to the rules.
 */
@EnabledOnOs(OS.LINUX)
class CiGateCliTest {
  @TempDir Path dir;

  private Path subreaperRules() throws Exception {
    Path p = dir.resolve("subreaper.yaml");
    Files.writeString(p, "version: 1\nsubreapers: [psweep-reaper]\n");
    return p;
  }

  /** Fixtures inherit no CI marker from wherever the tests run (a CI job sets them all). */
  private static void noMarkers(Map<String, String> env) {
    ProcEnviron.CI_MARKERS.forEach(env::remove);
  }

  private static Set<Integer> findingPids(JsonNode doc) {
    Set<Integer> out = new TreeSet<>();
    for (JsonNode f : doc.get("findings")) {
      out.add(f.at("/process/pid").asInt());
    }
    return out;
  }

  @Test
  void baselineLeavesOutWhatWasThereAndTheGateNamesOnlyTheNew() throws Exception {
    Path base = dir.resolve("base.json");
    try (Fixture first = Fixture.start("orphan", true, null, CiGateCliTest::noMarkers)) {
      int old = first.pid("orphan");
      Cli.Result before = Cli.run(dir, "scan", "--format", "json", "--sample", "0", "--match",
          first.marker(), "--rules", subreaperRules().toString(), "--output", base.toString());
      assertEquals(0, before.code(), before.err());
      assertTrue(findingPids(Schemas.parse(Files.readString(base))).contains(old),
          "the baseline holds the first orphan");

      try (Fixture second = Fixture.start("orphan", true, null, CiGateCliTest::noMarkers)) {
        int fresh = second.pid("orphan");
        String both = first.marker() + "|" + second.marker();

        Cli.Result all = Cli.run(dir, "scan", "--format", "json", "--sample", "0", "--match",
            both, "--rules", subreaperRules().toString());
        assertEquals(0, all.code(), all.err());
        assertTrue(findingPids(Schemas.parse(all.out())).containsAll(Set.of(old, fresh)),
            "without a baseline both orphans are findings: " + all.out());

        Cli.Result r = Cli.run(dir, "scan", "--format", "json", "--sample", "0", "--match",
            both, "--rules", subreaperRules().toString(), "--baseline", base.toString(),
            "--fail-on", "low");
        assertEquals(1, r.code(), r.err());
        JsonNode doc = Schemas.parse(r.out());
        assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, doc));
        assertEquals(Set.of(fresh), findingPids(doc), "exactly the new orphan");
        assertEquals(1, doc.at("/summary/findings").asInt());

        // The gate's reasons on stderr while stdout is JSON: the new orphan, never the old one.
        List<String> gate = gateLines(r.err());
        assertEquals(1, gate.size(), r.err());
        assertTrue(gate.get(0).contains("pid " + fresh + " "), gate.get(0));
        assertTrue(gate.get(0).contains(second.marker()), "its command line: " + gate.get(0));
        assertTrue(gate.get(0).contains("port -"), gate.get(0));
        assertFalse(r.err().contains("pid " + old + " "), r.err());
        assertTrue(r.err().contains("gate failed: 1 finding at or above low"), r.err());
      }
    }
  }

  @Test
  void gateSummaryReachesStderrWhenTheReportGoesToAFile() throws Exception {
    try (Fixture f = Fixture.start("orphan", true, null, CiGateCliTest::noMarkers)) {
      int orphan = f.pid("orphan");
      Path out = dir.resolve("report.json");
      Cli.Result r = Cli.run(dir, "scan", "--sample", "0", "--match", f.marker(), "--rules",
          subreaperRules().toString(), "--fail-on", "low", "--output", out.toString());
      assertEquals(1, r.code(), r.err());
      assertEquals("", r.out());
      List<String> gate = gateLines(r.err());
      assertTrue(gate.stream().anyMatch(l -> l.contains("pid " + orphan + " ")
          && l.contains("orphan") && l.contains("python3")), r.err());
      for (String line : gate) {
        assertTrue(line.matches("  (info|low|medium|high|critical)  \\S+  pid \\d+  ports? \\S+"
            + "(  job \\S+)?  .+"), line);
      }

      Cli.Result passing = Cli.run(dir, "scan", "--sample", "0", "--match", f.marker(),
          "--rules", subreaperRules().toString(), "--fail-on", "critical", "--output",
          out.toString());
      assertEquals(0, passing.code(), passing.err());
      assertFalse(passing.err().contains("gate failed"), passing.err());
    }
  }

  @Test
  void ciJobNamesTheJobFromTheProcesssEnvironment() throws Exception {
    String id = "psweep-job-" + UUID.randomUUID();
    Path rule = dir.resolve("ci.yaml");
    Files.writeString(rule, "version: 1\nrules:\n  - id: test-ci-job\n    category: custom\n"
        + "    when: { ci_job: { exists: true } }\n");
    try (Fixture marked = Fixture.start("orphan", true, null, env -> {
          noMarkers(env);
          env.put("RUNNER_TRACKING_ID", id);
        });
        Fixture plain = Fixture.start("orphan", true, null, CiGateCliTest::noMarkers)) {
      int job = marked.pid("orphan");
      int other = plain.pid("orphan");
      Cli.Result r = Cli.run(dir, "scan", "--format", "json", "--sample", "0", "--pid",
          job + "," + other, "--rules", rule.toString());
      assertEquals(0, r.code(), r.err());
      JsonNode doc = Schemas.parse(r.out());
      assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, doc));
      String seen = null;
      for (JsonNode f : doc.get("findings")) {
        boolean matched = false;
        for (JsonNode m : f.get("rules")) {
          matched |= m.get("id").asText().equals("test-ci-job");
        }
        if (matched) {
          assertEquals(job, f.at("/process/pid").asInt(), "only the marked process: " + r.out());
          seen = f.at("/evidence/ci_job").asText();
          assertEquals(seen, f.at("/context/ciJob").asText(), "the finding's context names it");
        }
      }
      assertEquals("github:" + id, seen, r.out());

      Cli.Result facts = Cli.run(dir, "rules", "facts");
      assertTrue(facts.out().contains("ci_job"), facts.out());
    }
  }

  @Test
  void repoTakesTheProcessesWhoseCwdIsInsideAndNotOthers() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path elsewhere = Files.createDirectories(dir.resolve("repo2")); // shares the prefix
    try (Fixture in = Fixture.start("orphan", true, repo, CiGateCliTest::noMarkers);
        Fixture out = Fixture.start("orphan", true, elsewhere, CiGateCliTest::noMarkers)) {
      int inside = in.pid("orphan");
      int outside = out.pid("orphan");
      assertEquals(repo.toRealPath(), Path.of("/proc/" + inside + "/cwd").toRealPath());

      Cli.Result r = Cli.run(dir, "scan", "--format", "json", "--sample", "0", "--repo",
          repo.toString(), "--rules", subreaperRules().toString());
      assertEquals(0, r.code(), r.err());
      Set<Integer> pids = findingPids(Schemas.parse(r.out()));
      assertTrue(pids.contains(inside), r.out());
      assertFalse(pids.contains(outside), r.out());

      Cli.Result other = Cli.run(dir, "scan", "--format", "json", "--sample", "0", "--repo",
          elsewhere.toString(), "--rules", subreaperRules().toString());
      assertEquals(0, other.code(), other.err());
      Set<Integer> otherPids = findingPids(Schemas.parse(other.out()));
      assertTrue(otherPids.contains(outside), other.out());
      assertFalse(otherPids.contains(inside), other.out());
    }
  }

  @Test
  void aMissingRepoOrABadBaselineIsOneSentenceAndExit2() throws Exception {
    Cli.Result noRepo = Cli.run(dir, "scan", "--sample", "0", "--repo",
        dir.resolve("nope").toString());
    assertEquals(2, noRepo.code(), noRepo.err());
    assertEquals("procsweep: --repo " + dir.resolve("nope") + ": no such directory",
        noRepo.err().strip());

    Cli.Result noFile = Cli.run(dir, "scan", "--sample", "0", "--baseline",
        dir.resolve("missing.json").toString());
    assertEquals(2, noFile.code(), noFile.err());
    assertEquals("procsweep: cannot read baseline " + dir.resolve("missing.json")
        + ": no such file", noFile.err().strip());

    Path plan = dir.resolve("not-a-report.json");
    Files.writeString(plan, "{\"schema\": \"procsweep/plan/v1\", \"actions\": []}");
    Cli.Result wrong = Cli.run(dir, "scan", "--sample", "0", "--baseline", plan.toString());
    assertEquals(2, wrong.code(), wrong.err());
    assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
    assertTrue(wrong.err().contains("is not a procsweep scan report"), wrong.err());
  }

  /** The gate's per-finding lines: those after its heading. */
  private static List<String> gateLines(String err) {
    List<String> lines = err.lines().toList();
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("procsweep: gate failed:")) {
        at = i;
      }
    }
    assertTrue(at >= 0, "no gate heading on stderr: " + err);
    return lines.subList(at + 1, lines.size()).stream().filter(l -> l.startsWith("  ")).toList();
  }
}
