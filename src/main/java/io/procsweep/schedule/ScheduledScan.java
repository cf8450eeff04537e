package io.procsweep.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scheduled job runs: one quiet {@code procsweep scan} that keeps its state across runs
 * and saves its report, optionally also writing Prometheus text for a textfile collector.
 *
 * @param procsweep absolute path of the procsweep to run
 * @param stateFile absolute path of the state file; its directory is the job's working
 *     directory, since {@code --save} writes {@code reports/} under the working directory
 * @param textfileDir a node_exporter textfile-collector directory, if metrics are wanted
 * @param scanOptions further scan options, passed through as they are
 */
public record ScheduledScan(String procsweep, String stateFile, Optional<String> textfileDir,
    List<String> scanOptions) {
  /** The file written into the textfile directory (the collector reads {@code *.prom}). */
  public static final String METRICS_FILE = "procsweep.prom";

  public ScheduledScan {
    Objects.requireNonNull(procsweep, "procsweep");
    Objects.requireNonNull(stateFile, "stateFile");
    Objects.requireNonNull(textfileDir, "textfileDir");
    scanOptions = List.copyOf(scanOptions);
    // One job is one line (cron) or one setting (systemd): a line break would end it early.
    for (String s : strings(procsweep, stateFile, textfileDir, scanOptions)) {
      if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\0') >= 0) {
        throw new ScheduleException("'" + s.replace("\n", "\\n").replace("\r", "\\r")
            .replace("\0", "\\0") + "' holds a line break or NUL, which no scheduler can run");
      }
    }
  }

  /** The job's command line, program first. */
  public List<String> argv(PathStyle style) {
    // --quiet: no report on stdout unless there are findings, no notes on stderr; cron mails
    // whatever a job prints, and the report is saved anyway.
    List<String> a = new ArrayList<>(List.of(style.normalize(procsweep), "scan", "--sample", "0",
        "--state", style.normalize(stateFile), "--save", "--quiet"));
    textfileDir.ifPresent(d -> a.addAll(List.of("--format", "prometheus", "--output",
        style.join(d, METRICS_FILE))));
    a.addAll(scanOptions);
    return a;
  }

  /** The job's working directory: the state file's, where {@code reports/} is saved. */
  public String workDir(PathStyle style) {
    return style.parent(stateFile);
  }

  /** Refuses relative paths: cron starts jobs in {@code /} or the home directory. */
  void requireAbsolute(PathStyle style) {
    requireAbsolute(style, "the procsweep command", procsweep);
    requireAbsolute(style, "--state", stateFile);
    textfileDir.ifPresent(d -> requireAbsolute(style, "--textfile-dir", d));
  }

  private static void requireAbsolute(PathStyle style, String what, String path) {
    if (!style.isAbsolute(path)) {
      throw new ScheduleException(what + " '" + path + "' must be an absolute path"
          + (style == PathStyle.WINDOWS ? " on Windows (such as C:\\ProgramData\\procsweep)" : "")
          + ", since a scheduled job does not start in this directory");
    }
  }

  private static List<String> strings(String a, String b, Optional<String> c, List<String> d) {
    List<String> all = new ArrayList<>(List.of(a, b));
    c.ifPresent(all::add);
    all.addAll(d);
    return all;
  }
}
