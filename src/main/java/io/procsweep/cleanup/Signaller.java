package io.procsweep.cleanup;

import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Sends one signal through {@link ProcessControl} (which re-checks the identity first), records
 * it, and writes its audit line before anything else happens. The only place cleanup signals.
 */
final class Signaller {
  private final ProcessControl control;
  private final AuditLog audit;
  private final Clock clock;
  private final Mode mode;
  private final String mechanism;
  private String lastError;

  Signaller(ProcessControl control, AuditLog audit, Clock clock, Mode mode) {
    this.control = control;
    this.audit = audit;
    this.clock = clock;
    this.mode = mode;
    this.mechanism = control.mechanism();
  }

  SignalResult send(String action, Target t, Signal signal, List<SignalRecord> log)
      throws AuditFailure {
    SignalResult result;
    String message = null;
    try {
      result = control.signal(t.identity(), signal);
    } catch (RuntimeException e) {
      // A platform failure on one process is an outcome to record, not a reason to stop
      // cleaning up (or auditing) the others.
      result = SignalResult.ERROR;
      message = e.toString();
    }
    lastError = result == SignalResult.ERROR ? (message == null ? "signal failed" : message)
        : null;
    Instant at = clock.instant();
    log.add(new SignalRecord(t.pid(), t.name(), signal, result, at));
    write(new AuditEntry(at, mode, action, t.pid(), t.startTimeMs(), t.name(), signal,
        result.label(), mechanism, message));
    return result;
  }

  /** An audit line for something other than a signal (a pid file). */
  void write(AuditEntry entry) throws AuditFailure {
    try {
      audit.append(entry);
    } catch (IOException e) {
      throw new AuditFailure(e);
    }
  }

  /** The message of the last ERROR result, for the outcome. */
  String lastError() {
    return lastError;
  }

  Instant now() {
    return clock.instant();
  }

  Mode mode() {
    return mode;
  }
}
