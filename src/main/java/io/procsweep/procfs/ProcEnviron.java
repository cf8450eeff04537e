package io.procsweep.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few variables procsweep looks for in {@code /proc/PID/environ}: the markers CI systems put
 * in every process of a job. Only the named variables are decoded and kept; the rest of a
 * process's environment (tokens, passwords) is skipped byte by byte and never becomes a String.
 *
 * <p>The file holds the environment the process was started with (what {@code execve} got), not
 * what it later changed with {@code setenv}: that is the inherited marker wanted here. It is
 * readable by the process's owner and root only.
 */
public final class ProcEnviron {
  /**
   * The markers, most specific first: procsweep's own {@code run}, then GitHub Actions, Jenkins
   * (the cookie, then the older {@code BUILD_ID} its process-tree killer used), GitLab CI,
   * Buildkite.
   */
  public static final List<String> CI_MARKERS = List.of("PROCSWEEP_RUN_ID", "RUNNER_TRACKING_ID",
      "JENKINS_NODE_COOKIE", "BUILD_ID", "CI_JOB_ID", "BUILDKITE_JOB_ID");

  /** Longest value kept, in bytes; a marker is an id, anything longer is cut. */
  static final int MAX_VALUE_BYTES = 256;

  private ProcEnviron() {}

  /**
   * Reads {@code path} (a {@code /proc/PID/environ}) and returns the {@link #CI_MARKERS} it
   * sets; see {@link #parse}.
   */
  public static Map<String, String> readMarkers(ProcReader r, String path) throws IOException {
    int n = r.read(path);
    return parse(r.buffer(), n, CI_MARKERS);
  }

  /**
   * The values of {@code names} in NUL-separated {@code NAME=value} entries, in the order of
   * {@code names}; a name set twice keeps its first value (what {@code getenv} returns). Empty
   * values are kept: what an empty marker means is for the caller to say. Values are decoded as
   * {@link Utf8Text} does and cut at {@value #MAX_VALUE_BYTES} bytes.
   */
  public static Map<String, String> parse(byte[] b, int len, List<String> names) {
    byte[][] wanted = new byte[names.size()][];
    for (int i = 0; i < wanted.length; i++) {
      wanted[i] = (names.get(i) + "=").getBytes(StandardCharsets.US_ASCII);
    }
    String[] found = new String[names.size()];
    int pos = 0;
    while (pos < len) {
      int end = ProcFiles.indexOf(b, pos, len, (byte) 0);
      if (end < 0) {
        end = len; // a rewritten environment may lack the final NUL
      }
      for (int i = 0; i < wanted.length; i++) {
        if (found[i] == null && startsWith(b, pos, end, wanted[i])) {
          int from = pos + wanted[i].length;
          found[i] = Utf8Text.decode(b, from, Math.min(end - from, MAX_VALUE_BYTES));
          break;
        }
      }
      pos = end + 1;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] != null) {
        out.put(names.get(i), found[i]);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Reads {@code /proc/PID/environ} and returns one variable's value (the leak guard's run
   * marker); see {@link #parse}. Throws when the process is gone or its environment is not
   * readable ({@link ProcReader#isGone} tells which).
   */
  public static Optional<String> read(ProcReader reader, int pid, String name)
      throws IOException {
    int n = reader.read("/proc/" + pid + "/environ");
    return Optional.ofNullable(parse(reader.buffer(), n, List.of(name)).get(name));
  }

  private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
    if (end - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
