package io.procsweep.cleanup;

import io.procsweep.cleanup.pidfile.PidfileRemover;
import io.procsweep.cleanup.pidfile.Removal;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.Signal;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.SnapshotException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Carries out a plan's actions together, rung by rung: rung 1 of every process action (each to
 * all its processes still alive), then one wait until they have all ended or the longest of the
 * rung's waits is over (each action waits no longer than its own step says), then rung 2 to
 * those left, and so on. Grace periods overlap instead of adding up: three TERM-ignoring orphans
 * take one escalation, not three. Actions line up by rung number: within one plan every action
 * has the same mode and grace, so rung k of a forced terminate, kill-tree and terminate-parent
 * is the same TERM or KILL; a signal-parent has one rung (SIGCHLD) and simply drops out after
 * it. Every signal still goes through the {@link Signaller} (fresh read, policy, audit intent
 * and result); kill-trees are frozen before the first rung and thawed at the end.
 *
 * <p>After the last rung one short wait lets what was ended leave the process table (its
 * parent, or init, reaps it), so a gate run right after cleanup does not find it as a zombie;
 * then a fresh socket read checks that no process the run meant to end still holds a port.
 */
final class ExecutionRun {
  /**
   * The final wait for reaping. Init (or a subreaper, or a parent's shell) reaps on SIGCHLD
   * within milliseconds; two seconds covers a busy or slow one (a shell as pid 1 of a loaded
   * container) and costs nothing when everything is already gone, since polling stops then. It
   * is one wait for the whole run, not one per target.
   */
  static final long REAP_WAIT_MS = 2_000;

  private final ProcessControl control;
  private final Signaller signaller;
  private final Poller poller;
  private final Clock clock;
  private final TreeFreezer freezer;
  private final boolean canFreeze;

  /** @param canFreeze whether kill-trees are stopped first (SIGSTOP exists: not on Windows) */
  ExecutionRun(ProcessControl control, Signaller signaller, Poller poller, Clock clock,
      boolean canFreeze) {
    this.control = control;
    this.signaller = signaller;
    this.poller = poller;
    this.clock = clock;
    this.freezer = new TreeFreezer(signaller);
    this.canFreeze = canFreeze;
  }

  /** Every target's outcome in plan order, and what stopped the run early, if anything. */
  record Result(List<TargetOutcome> outcomes, Halt halt) {}

  Result run(List<Action> actions, Interruption interruption) {
    List<Job> jobs = new ArrayList<>();
    Job[] jobOf = new Job[actions.size()];
    boolean freeze = canFreeze && signaller.policy().maySend(Signal.STOP).isEmpty();
    for (int i = 0; i < actions.size(); i++) {
      jobOf[i] = actions.get(i).accept(new Jobs(freeze));
      if (jobOf[i] != null) {
        jobs.add(jobOf[i]);
      }
    }
    Halt halt = interruption.requested() ? Halt.interruption() : null;
    Job raisedBy = null;
    boolean rungsDone = false;
    if (halt == null && !jobs.isEmpty()) {
      Job current = null;
      try {
        for (Job j : jobs) {
          current = j;
          j.start();
        }
        rungs(jobs);
        rungsDone = true;
        finalWait(jobs);
        checkPorts(jobs);
      } catch (RungHalt e) {
        halt = e.halt;
        raisedBy = e.job;
      } catch (Halt e) {
        halt = e;
        raisedBy = current;
      } finally {
        // Survivors and members left alone after an interrupt must not stay stopped.
        for (Job j : jobs) {
          if (j.started) {
            try {
              j.thaw();
            } catch (Halt e) {
              if (halt == null) {
                halt = e;
              }
            }
          }
        }
      }
    } else if (halt == null) {
      rungsDone = true;
    }
    List<TargetOutcome> out = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      Action a = actions.get(i);
      Job j = jobOf[i];
      if (j != null) {
        if (rungsDone) {
          out.addAll(j.finish());
        } else if (!j.started) {
          out.addAll(DryRun.notRunAll(a, halt.reason()));
        } else {
          out.addAll(j.stopped(halt, j == raisedBy));
        }
        continue;
      }
      if (halt == null && interruption.requested()) {
        halt = Halt.interruption();
      }
      if (halt != null || !(a instanceof RemovePidfile)) {
        out.addAll(halt == null ? DryRun.describeAll(a) : DryRun.notRunAll(a, halt.reason()));
        continue;
      }
      PidfileResult r = removePidfile((RemovePidfile) a);
      out.add(r.outcome);
      halt = r.halt;
    }
    return new Result(out, halt);
  }

  /** A halt, and the job whose signal raised it. */
  private static final class RungHalt extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Halt halt;
    final transient Job job;

    RungHalt(Halt halt, Job job) {
      super(halt.getMessage(), halt);
      this.halt = halt;
      this.job = job;
    }
  }

  private void rungs(List<Job> jobs) throws RungHalt {
    List<Job> active = new ArrayList<>(jobs);
    for (int k = 0; !active.isEmpty(); k++) {
      RungSender sender = new RungSender(signaller);
      List<Job> waiting = new ArrayList<>();
      for (Job j : active) {
        boolean sent;
        try {
          sent = j.send(k, sender);
        } catch (Halt e) {
          throw new RungHalt(e, j);
        }
        if (sent) {
          waiting.add(j);
        }
      }
      active = waiting; // a job that had nothing to send at this rung is done
      if (waiting.isEmpty()) {
        break;
      }
      final int rung = k;
      await(waiting, j -> j.waitMs(rung), Job::settled);
      for (Job j : waiting) {
        j.afterWait();
      }
    }
  }

  private void finalWait(List<Job> jobs) {
    await(jobs, Job::finalWaitMs, Job::reaped);
  }

  /**
   * One wait for several jobs: until each is done or its own wait is over, whichever first.
   * Every job's condition is evaluated on every poll (it notes who ended as it goes).
   */
  private void await(List<Job> jobs, ToLongFunction<Job> waitOf,
      Predicate<Job> done) {
    long start = clock.millis();
    long longest = 0;
    for (Job j : jobs) {
      longest = Math.max(longest, waitOf.applyAsLong(j));
    }
    poller.await(() -> {
      long elapsed = clock.millis() - start;
      boolean all = true;
      for (Job j : jobs) {
        if (!done.test(j) && elapsed < waitOf.applyAsLong(j)) {
          all = false;
        }
      }
      return all;
    }, longest);
  }

  /** One fresh socket read for the whole run; unreadable sockets leave outcomes as they are. */
  private void checkPorts(List<Job> jobs) {
    if (jobs.stream().noneMatch(j -> j instanceof MembersJob)) {
      return;
    }
    List<Listener> fresh;
    try {
      fresh = signaller.live().listeners();
    } catch (SnapshotException e) {
      return;
    }
    for (Job j : jobs) {
      j.checkPorts(fresh);
    }
  }

  private record PidfileResult(TargetOutcome outcome, Halt halt) {}

  private PidfileResult removePidfile(RemovePidfile a) {
    List<SignalRecord> log = new ArrayList<>();
    StalePidfile planned = a.pidfile();
    String path = planned.path().toString();
    int pid = planned.pid() == null ? 0 : planned.pid();
    Removal r;
    // Re-checked through a directory handle right before deleting (PidfileRemover); the
    // intent line is on disk before the unlink, as before a signal.
    try (PidfileRemover.Verified v = new PidfileRemover(control::identity).verify(planned)) {
      if (v.refusal().isPresent()) {
        r = v.refusal().get();
      } else {
        try {
          signaller.write(AuditEntry.unlinkIntent(signaller.now(), signaller.mode(), a.kind(),
              pid, path));
        } catch (Halt e) {
          return new PidfileResult(new TargetOutcome(a.kind(), null, path, a.cause(),
              Status.ERROR, "error", e.getMessage() + "; nothing deleted", log), e);
        }
        r = v.unlink();
      }
    }
    Status status = r.result() == Removal.Result.REMOVED ? Status.REMOVED
        : r.result() == Removal.Result.SKIPPED ? Status.SKIPPED : Status.ERROR;
    Halt failure = null;
    try {
      signaller.write(new AuditEntry(signaller.now(), signaller.mode(), a.kind(), pid,
          null, null, null, status == Status.REMOVED ? "removed" : status.label(), "unlink",
          path + ": " + r.message()));
    } catch (Halt e) {
      failure = e;
    }
    return new PidfileResult(new TargetOutcome(a.kind(), null, path, a.cause(), status,
        r.reason(), r.message(), log), failure);
  }

  /** The job for a process action; null for actions that signal nothing. */
  private final class Jobs implements Action.Visitor<Job> {
    private final boolean freeze;

    Jobs(boolean freeze) {
      this.freeze = freeze;
    }

    @Override
    public Job signalParent(SignalParent a) {
      return new ParentJob(a, control);
    }

    @Override
    public Job terminate(Terminate a) {
      return new MembersJob(a, control, freezer, false);
    }

    @Override
    public Job terminateParent(TerminateParent a) {
      return new ParentJob(a, control);
    }

    @Override
    public Job killTree(KillTree a) {
      return new MembersJob(a, control, freezer, freeze);
    }

    @Override
    public Job removePidfile(RemovePidfile a) {
      return null;
    }

    @Override
    public Job keep(Keep a) {
      return null;
    }

    @Override
    public Job keepPidfile(KeepPidfile a) {
      return null;
    }
  }

  /** The entry of the target whose signal found the run stopped. */
  static TargetOutcome halted(Action a, Target t, Halt e, List<SignalRecord> log) {
    if (e.interrupted()) {
      return new TargetOutcome(a.kind(), t, null, a.cause(), Status.SKIPPED, "interrupted",
          "interrupted; stopped before the next signal", log);
    }
    return new TargetOutcome(a.kind(), t, null, a.cause(), Status.ERROR, "error",
        e.getMessage() + "; stopped before the next signal", log);
  }

  /** Whether this incarnation (a zombie, typically) is still in the process table. */
  static boolean present(ProcessControl control, Target t) {
    return control.identity(t.pid()).map(t::sameAs).orElse(false);
  }
}
