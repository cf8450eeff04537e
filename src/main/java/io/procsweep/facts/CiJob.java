package io.procsweep.facts;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which CI job started a process, from the markers CI systems put in every process of a job.
 * Each system's runner finds what a job left behind by the same variable, and users keep a
 * process alive past the job by giving it a value the runner does not match: such an opt-out
 * value names no job here either, and the next marker is asked.
 */
final class CiJob {

  /** One marker: the variable, the label of the system that sets it, its opt-out values. */
  record Marker(String variable, String system, List<String> optOuts) {
    boolean optedOut(String value) {
      return value.isEmpty() || optOuts.contains(value.toLowerCase(Locale.ROOT));
    }
  }

  /** Most specific first: procsweep's own {@code run} wraps whatever CI job it runs in. */
  static final List<Marker> MARKERS = List.of(
      new Marker("PROCSWEEP_RUN_ID", "procsweep", List.of()),
      // The runner's documented way out of its cleanup is an empty value; "0" is common too.
      new Marker("RUNNER_TRACKING_ID", "github", List.of("0")),
      // Jenkins' ProcessTreeKiller: "dontKillMe" is the value its documentation suggests.
      new Marker("JENKINS_NODE_COOKIE", "jenkins", List.of("dontkillme")),
      new Marker("BUILD_ID", "jenkins", List.of("dontkillme")),
      new Marker("CI_JOB_ID", "gitlab", List.of()),
      new Marker("BUILDKITE_JOB_ID", "buildkite", List.of()));

  private CiJob() {}

  /**
   * {@code system:value} of the first marker set to a value that is no opt-out; null when there
   * is none, or the markers are unknown (null).
   */
  static String of(Map<String, String> markers) {
    if (markers == null) {
      return null;
    }
    for (Marker m : MARKERS) {
      String value = markers.get(m.variable());
      if (value != null && !m.optedOut(value)) {
        return m.system() + ":" + value;
      }
    }
    return null;
  }
}
