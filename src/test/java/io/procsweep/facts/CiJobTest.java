package io.procsweep.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.procsweep.procfs.ProcEnviron;
import io.procsweep.scan.ProcessContext;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.testing.Procs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CiJobTest {
  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void eachSystemHasItsLabel() {
    assertEquals("github:abc-123", CiJob.of(env("RUNNER_TRACKING_ID", "abc-123")));
    assertEquals("jenkins:c00k1e", CiJob.of(env("JENKINS_NODE_COOKIE", "c00k1e")));
    assertEquals("jenkins:42", CiJob.of(env("BUILD_ID", "42")));
    assertEquals("gitlab:9001", CiJob.of(env("CI_JOB_ID", "9001")));
    assertEquals("buildkite:0188-aa", CiJob.of(env("BUILDKITE_JOB_ID", "0188-aa")));
    assertEquals("procsweep:run-1", CiJob.of(env("PROCSWEEP_RUN_ID", "run-1")));
  }

  @Test
  void theMostSpecificMarkerWinsWhateverTheMapOrder() {
    assertEquals("procsweep:r", CiJob.of(env("CI_JOB_ID", "9", "RUNNER_TRACKING_ID", "g",
        "PROCSWEEP_RUN_ID", "r")));
    assertEquals("jenkins:cookie", CiJob.of(env("BUILD_ID", "7", "JENKINS_NODE_COOKIE",
        "cookie")));
  }

  @Test
  void optOutsNameNoJobAndTheNextMarkerIsAsked() {
    assertNull(CiJob.of(env("RUNNER_TRACKING_ID", "")));
    assertNull(CiJob.of(env("RUNNER_TRACKING_ID", "0")));
    assertNull(CiJob.of(env("BUILD_ID", "dontKillMe")));
    assertNull(CiJob.of(env("PROCSWEEP_RUN_ID", "")));
    // Jenkins still finds a process by its cookie when only BUILD_ID opted out.
    assertEquals("jenkins:c", CiJob.of(env("BUILD_ID", "dontKillMe", "JENKINS_NODE_COOKIE", "c")));
    assertEquals("gitlab:5", CiJob.of(env("RUNNER_TRACKING_ID", "", "CI_JOB_ID", "5")));
  }

  @Test
  void noneOrUnknownIsNull() {
    assertNull(CiJob.of(Map.of()));
    assertNull(CiJob.of(null));
    assertNull(CiJob.of(env("GITHUB_RUN_ID", "1")));
  }

  @Test
  void theSnapshotReadsExactlyTheMarkersThisFactKnows() {
    assertEquals(ProcEnviron.CI_MARKERS,
        CiJob.MARKERS.stream().map(CiJob.Marker::variable).toList());
  }

  @Test
  void computedFromTheSnapshotsMarkersAndCarriedIntoContext() {
    ProcessInfo base = Procs.proc(300, 1, "sleep", 200, 60);
    ProcessInfo marked = new ProcessInfo(301, 1, "sleep", base.exe(), base.cmdline(), "alice",
        1000, ProcState.SLEEPING, base.startTimeMs(), 0, 0, null, 1, 301, 200, null, null, false,
        "/", null, null, null, env("RUNNER_TRACKING_ID", "job-7"));
    List<ProcessFacts> facts = new FactDeriver(FactRegistry.standard(), Set.of(), "linux")
        .derive(Procs.snapshot(List.of(base, marked), List.of()), null);
    assertNull(facts.get(0).get("ci_job"), "markers unknown");
    assertEquals("github:job-7", facts.get(1).get("ci_job"));
    assertEquals("github:job-7", ProcessContext.of(facts.get(1)).ciJob());
    assertNull(ProcessContext.of(facts.get(0)).ciJob());
  }

  @Test
  void registeredAsAStringFact() {
    FactDef def = FactRegistry.standard().find("ci_job").orElseThrow();
    assertEquals(FactType.STRING, def.type());
    assertEquals(List.of(), def.allowedValues());
  }
}
