package io.procsweep.cleanup;

import io.procsweep.snapshot.Listener;
import java.util.ArrayList;
import java.util.List;

/**
 * One process action in flight. {@link ExecutionRun} sends every job's rung k before it waits
 * once, so the grace periods of all actions overlap instead of adding up; a job only says what
 * its rung is, what it is waiting for, and how it ended.
 */
abstract class Job {
  final Action action;
  /** Every signal tried for this action, in order. */
  final List<SignalRecord> log = new ArrayList<>();
  /** Whether it reached its first rung (a job the run never reached is reported as not run). */
  boolean started;
  /** Whether it took part in the last rung (it sent something, so it is waited for). */
  boolean waiting;

  Job(Action action) {
    this.action = action;
  }

  /** Before the first rung: a kill-tree is frozen here. */
  void start() throws Halt {
    started = true;
  }

  /** Sends rung {@code k} to what is still in play; true when anything was sent. */
  abstract boolean send(int k, RungSender sender) throws Halt;

  /** How long rung {@code k} waits for this job's processes. */
  abstract long waitMs(int k);

  /** Polled during a rung's wait: whether what it waits for has happened. */
  abstract boolean settled();

  /** After each rung's wait. */
  void afterWait() {}

  /** Polled during the final wait: whether what this job ended has left the process table. */
  abstract boolean reaped();

  /** How long the final wait may last for this job. */
  abstract long finalWaitMs();

  /** After the last wait: notes its processes that still hold listening sockets. */
  void checkPorts(List<Listener> fresh) {}

  /** Lets go of what it froze; runs even after an interrupt. */
  void thaw() throws Halt {}

  /** How it ended, one entry per target (a parent action: one per zombie). */
  abstract List<TargetOutcome> finish();

  /**
   * How it ended when the run stopped: {@code here} when this job's own signal raised it.
   */
  abstract List<TargetOutcome> stopped(Halt halt, boolean here);

  /** Whether any signal of this job got through. */
  boolean sentAny() {
    return log.stream().anyMatch(r -> r.result() == io.procsweep.platform.SignalResult.SENT);
  }
}
