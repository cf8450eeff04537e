package io.procsweep.cleanup;

import io.procsweep.platform.Signal;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: one signal sent or skipped, or one pid file removed or kept.
 *
 * @param startTimeMs the target's start time; null when there is no process (pid files)
 * @param name the target's name; null when there is no process
 * @param signal null for pid-file lines
 * @param result a {@code SignalResult} label, or {@code removed}/{@code skipped}/{@code error}
 */
public record AuditEntry(Instant time, Mode mode, String action, int pid, Long startTimeMs,
    String name, Signal signal, String result, String mechanism, String message) {
  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(result, "result");
  }
}
