package io.procsweep.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcEnvironTest {
  private static Map<String, String> markers(String environ) {
    byte[] b = environ.getBytes(StandardCharsets.ISO_8859_1);
    return ProcEnviron.parse(b, b.length, ProcEnviron.CI_MARKERS);
  }

  @Test
  void keepsOnlyTheMarkersInPrecedenceOrder() {
    Map<String, String> m = markers("HOME=/root\0CI_JOB_ID=77\0GITHUB_TOKEN=ghs_secret\0"
        + "RUNNER_TRACKING_ID=github_5f0e\0PATH=/usr/bin\0");
    assertEquals(Map.of("RUNNER_TRACKING_ID", "github_5f0e", "CI_JOB_ID", "77"), m);
    assertEquals(List.of("RUNNER_TRACKING_ID", "CI_JOB_ID"), List.copyOf(m.keySet()),
        "in the order of CI_MARKERS, not of the file");
  }

  @Test
  void namesMatchWholeAndFirstDefinitionWins() {
    // getenv returns the first of two definitions; a longer name sharing a prefix is another
    // variable, and a value that contains a marker's name is no definition of it.
    assertEquals(Map.of("BUILD_ID", "first"), markers("BUILD_IDX=no\0X=BUILD_ID=no\0"
        + "MY_BUILD_ID=no\0BUILD_ID=first\0BUILD_ID=second\0"));
  }

  @Test
  void emptyValuesAreKeptAndNoFinalNulIsNeeded() {
    assertEquals(Map.of("PROCSWEEP_RUN_ID", "", "BUILDKITE_JOB_ID", "bk-1"),
        markers("PROCSWEEP_RUN_ID=\0BUILDKITE_JOB_ID=bk-1"));
    assertEquals(Map.of(), markers(""));
    assertEquals(Map.of(), markers("\0\0RUNNER_TRACKING_ID\0"), "a name without = is no value");
  }

  @Test
  void valuesAreDecodedLikeProcTextAndCut() {
    assertEquals(Map.of("CI_JOB_ID", "a\\xffb"), markers("CI_JOB_ID=a\u00ffb\0"));
    String huge = "x".repeat(ProcEnviron.MAX_VALUE_BYTES + 50);
    assertEquals("x".repeat(ProcEnviron.MAX_VALUE_BYTES),
        markers("CI_JOB_ID=" + huge + "\0").get("CI_JOB_ID"));
  }

  @Test
  void readsOnlyTheGivenLength() {
    byte[] b = "CI_JOB_ID=1\0BUILD_ID=stale\0".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(Map.of("CI_JOB_ID", "1"), ProcEnviron.parse(b, 12, ProcEnviron.CI_MARKERS));
  }

  @Test
  void readsOneVariableOfThisProcessesOwnEnvironment() throws java.io.IOException {
    // A short variable: values are cut at MAX_VALUE_BYTES, as for the markers.
    java.util.Map.Entry<String, String> any = System.getenv().entrySet().stream()
        .filter(e -> !e.getKey().isEmpty() && e.getValue().length() < 200
            && !e.getKey().contains("="))
        .findFirst().orElseThrow();
    java.util.Optional<String> read = ProcEnviron.read(new ProcReader(),
        (int) ProcessHandle.current().pid(), any.getKey());
    org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of(any.getValue()), read);
    org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.empty(),
        ProcEnviron.read(new ProcReader(), (int) ProcessHandle.current().pid(),
            "PROCSWEEP_SURELY_UNSET_" + System.nanoTime()));
  }
}
