package io.procsweep.cleanup;

import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.ProcessIdentity;
import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The only place cleanup signals. Before each signal it reads the process afresh, checks it is
 * the planned incarnation, asks the {@link Policy} again on that fresh read, and writes an
 * intent line to the audit log (fsynced) before anything is sent; the result line follows.
 * {@link ProcessControl} then checks the identity once more, through a pidfd where it can.
 */
final class Signaller {
  private final ProcessControl control;
  private final LiveProcesses live;
  private final Policy policy;
  private final AuditLog audit;
  private final Clock clock;
  private final Interruption interruption;
  private final String mechanism;
  private String lastError;

  Signaller(ProcessControl control, LiveProcesses live, Policy policy, AuditLog audit,
      Clock clock, Interruption interruption) {
    this.control = control;
    this.live = live;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
    this.interruption = interruption;
    this.mechanism = control.mechanism();
  }

  /**
   * Sends {@code signal} to {@code t} if it is still the planned process and the policy allows
   * it now; a stopped process also gets SIGCONT right after SIGTERM, so the TERM is delivered.
   *
   * @throws Halt when the run was interrupted (nothing sent) or an audit line failed
   */
  SignalResult send(String action, Target t, Signal signal, Policy.Role role,
      List<SignalRecord> log) throws Halt {
    if (interruption.requested()) {
      throw Halt.interruption();
    }
    Optional<ProcessInfo> fresh = live.process(t.pid());
    SignalResult refused = null;
    String message = null;
    if (fresh.isEmpty()) {
      refused = SignalResult.GONE;
    } else if (!t.sameAs(identityOf(fresh.get()))) {
      refused = SignalResult.CHANGED;
    } else {
      Optional<Policy.Refusal> no = policy.maySignal(fresh.get(), role, signal);
      if (no.isPresent()) {
        refused = SignalResult.REFUSED;
        message = no.get().reason().label() + ": " + no.get().detail();
      }
    }
    if (refused != null) {
      lastError = message;
      return record(action, t, signal, refused, message, log);
    }
    SignalResult result = deliver(action, t, signal, log);
    if (result == SignalResult.SENT && signal == Signal.TERM
        && fresh.get().state() == ProcState.STOPPED) {
      thaw(action, t, log);
    }
    return result;
  }

  /**
   * Lets a process this run froze go on again; sent even after an interrupt, since leaving a
   * tree stopped is a change nobody asked for. Identity-checked like every signal.
   */
  void thaw(String action, Target t, List<SignalRecord> log) throws Halt {
    Optional<ProcessInfo> fresh = live.process(t.pid());
    if (fresh.isPresent() && t.sameAs(identityOf(fresh.get()))
        && fresh.get().state() == ProcState.STOPPED) {
      deliver(action, t, Signal.CONT, log);
    }
  }

  /** Intent line, signal, result line. */
  private SignalResult deliver(String action, Target t, Signal signal, List<SignalRecord> log)
      throws Halt {
    write(AuditEntry.signalIntent(clock.instant(), policy.mode(), action, t.pid(),
        t.startTimeMs(), t.name(), signal, mechanism));
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
    return record(action, t, signal, result, message, log);
  }

  private SignalResult record(String action, Target t, Signal signal, SignalResult result,
      String message, List<SignalRecord> log) throws Halt {
    Instant at = clock.instant();
    log.add(new SignalRecord(t.pid(), t.name(), signal, result, at));
    write(new AuditEntry(at, policy.mode(), action, t.pid(), t.startTimeMs(), t.name(), signal,
        result.label(), mechanism, message));
    return result;
  }

  private static ProcessIdentity identityOf(ProcessInfo p) {
    return new ProcessIdentity(p.pid(), p.startTimeMs(), p.name());
  }

  /** An audit line for something other than a signal (a pid file, the run's end). */
  void write(AuditEntry entry) throws Halt {
    try {
      audit.append(entry);
    } catch (IOException e) {
      throw Halt.auditFailed(e);
    }
  }

  /** The message of the last ERROR or REFUSED result, for the outcome. */
  String lastError() {
    return lastError;
  }

  LiveProcesses live() {
    return live;
  }

  Policy policy() {
    return policy;
  }

  Instant now() {
    return clock.instant();
  }

  Mode mode() {
    return policy.mode();
  }
}
