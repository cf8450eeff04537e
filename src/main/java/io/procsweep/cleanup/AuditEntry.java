package io.procsweep.cleanup;

import io.procsweep.platform.Signal;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log. A signal or an unlink gets two: an {@link Phase#INTENT intent}
 * line, durable before the act, so a crash or a full disk can never leave an act without a
 * record; then a {@link Phase#RESULT result} line saying how it went. Run-level notes (such as
 * {@link Kind#INTERRUPTED}) name no target.
 *
 * @param action the plan action ({@code terminate}, {@code remove-pidfile}, ...); null only on
 *     run-level notes
 * @param pid the target's pid; 0 on run-level notes
 * @param startTimeMs the target's start time; null when there is no process (pid files, notes)
 * @param name the target's name; null when there is no process
 * @param signal null for pid-file lines and notes
 * @param result null on intent lines; on result lines a {@code SignalResult} label, or {@code
 *     removed}/{@code skipped}/{@code error}; on notes what happened (e.g. {@code SIGINT})
 * @param mechanism how the act is carried out ({@code pidfd}, {@code kill}, {@code unlink});
 *     may be null
 * @param message free text (a pid-file path, an error); may be null
 */
public record AuditEntry(Instant time, Phase phase, Kind kind, Mode mode, String action, int pid,
    Long startTimeMs, String name, Signal signal, String result, String mechanism,
    String message) {

  /** Before or after the act. */
  public enum Phase {
    INTENT("intent"),
    RESULT("result");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    /** The spelling in the log's {@code phase} field. */
    public String label() {
      return label;
    }
  }

  /** What a line is about: one act on one target, or the run as a whole. */
  public enum Kind {
    SIGNAL("signal", false),
    UNLINK("unlink", false),
    /** The run stopped on SIGINT/SIGTERM/SIGHUP before carrying out every action. */
    INTERRUPTED("interrupted", true);

    private final String label;
    private final boolean runLevel;

    Kind(String label, boolean runLevel) {
      this.label = label;
      this.runLevel = runLevel;
    }

    /** The spelling in the log's {@code kind} field. */
    public String label() {
      return label;
    }

    /** True for notes about the whole run, which name no target. */
    public boolean runLevel() {
      return runLevel;
    }
  }

  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mode, "mode");
    if (!kind.runLevel()) {
      Objects.requireNonNull(action, "action");
    }
    if (phase == Phase.RESULT) {
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * A result line written after the fact, with no intent line before it (signals: kind {@link
   * Kind#SIGNAL}; a null signal means a pid-file line, kind {@link Kind#UNLINK}).
   */
  public AuditEntry(Instant time, Mode mode, String action, int pid, Long startTimeMs,
      String name, Signal signal, String result, String mechanism, String message) {
    this(time, Phase.RESULT, signal == null ? Kind.UNLINK : Kind.SIGNAL, mode, action, pid,
        startTimeMs, name, signal, result, mechanism, message);
  }

  /** The intent line for a signal, to be made durable before the signal is sent. */
  public static AuditEntry signalIntent(Instant time, Mode mode, String action, int pid,
      Long startTimeMs, String name, Signal signal, String mechanism) {
    return new AuditEntry(time, Phase.INTENT, Kind.SIGNAL, mode, action,
        pid, startTimeMs, name, Objects.requireNonNull(signal, "signal"), null, mechanism, null);
  }

  /** The intent line for deleting a pid file; {@code path} goes in the message. */
  public static AuditEntry unlinkIntent(Instant time, Mode mode, String action, int pid,
      String path) {
    return new AuditEntry(time, Phase.INTENT, Kind.UNLINK, mode, action, pid, null, null, null,
        null, "unlink", path);
  }

  /** The result line answering this intent line: same target, act and mechanism. */
  public AuditEntry result(Instant at, String outcome, String detail) {
    if (phase != Phase.INTENT) {
      throw new IllegalStateException("only an intent line has a result");
    }
    return new AuditEntry(at, Phase.RESULT, kind, mode, action, pid, startTimeMs, name, signal,
        outcome, mechanism, detail);
  }

  /** A run-level note, e.g. {@code note(now, Kind.INTERRUPTED, mode, "SIGINT", "3 untouched")}. */
  public static AuditEntry note(Instant time, Kind kind, Mode mode, String what,
      String message) {
    if (!kind.runLevel()) {
      throw new IllegalArgumentException(kind.label() + " is not a run-level note");
    }
    return new AuditEntry(time, Phase.RESULT, kind, mode, null, 0, null, null, null, what, null,
        message);
  }
}
