package io.procsweep.cleanup;

import io.procsweep.cleanup.pidfile.PidfileRemover;
import io.procsweep.cleanup.pidfile.Removal;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Carries out one action and says how it ended. One instance per plan execution. */
final class ExecutionRun {
  private final ProcessControl control;
  private final Signaller signaller;
  private final Poller poller;
  private final Escalator escalator;
  private final TreeFreezer freezer;
  private final boolean canFreeze;

  /** @param canFreeze whether kill-trees are stopped first (SIGSTOP exists: not on Windows) */
  ExecutionRun(ProcessControl control, Signaller signaller, Poller poller, boolean canFreeze) {
    this.control = control;
    this.signaller = signaller;
    this.poller = poller;
    this.escalator = new Escalator(signaller, control, poller);
    this.freezer = new TreeFreezer(signaller);
    this.canFreeze = canFreeze;
  }

  /**
   * How one action ended, and the audit failure that must stop the run, if any (checked
   * exceptions cannot cross {@code accept}, so the visitor carries it out).
   */
  record Result(TargetOutcome outcome, Halt halt) {}

  Result execute(Action action) {
    Visit visit = new Visit();
    TargetOutcome out = action.accept(visit);
    return new Result(out, visit.failure);
  }

  private final class Visit implements Action.Visitor<TargetOutcome> {
    Halt failure;
    final List<SignalRecord> log = new ArrayList<>();

    @Override
    public TargetOutcome signalParent(SignalParent a) {
      Target zombie = a.target();
      if (!present(zombie)) {
        return done(a, zombie, Status.SKIPPED, "gone", "the zombie was already reaped");
      }
      try {
        Step step = a.steps().get(0);
        SignalResult r = signaller.send(a.kind(), a.parent(), step.signal(),
            Policy.Role.ZOMBIE_PARENT, log);
        if (r != SignalResult.SENT) {
          return parentNotSignalled(a, zombie, a.parent(), r);
        }
        if (poller.await(() -> !present(zombie), step.waitMs())) {
          return done(a, zombie, Status.TERMINATED, null, "reaped by its parent");
        }
        return done(a, zombie, Status.SURVIVED, null,
            "its parent " + a.parent().pid() + " did not reap it");
      } catch (Halt e) {
        return halted(a, zombie, e);
      }
    }

    @Override
    public TargetOutcome terminate(Terminate a) {
      try {
        Escalator.Member m = escalator.run(a.kind(), List.of(a.target()), a.steps(), log).get(0);
        return done(a, a.target(), m.status(), m.reason(), memberMessage(m));
      } catch (Halt e) {
        return halted(a, a.target(), e);
      }
    }

    @Override
    public TargetOutcome terminateParent(TerminateParent a) {
      Target zombie = a.target();
      Target parent = a.parent();
      if (!present(zombie)) {
        return done(a, zombie, Status.SKIPPED, "gone", "the zombie was already reaped");
      }
      try {
        boolean sent = false;
        boolean parentEnded = false;
        for (Step step : a.steps()) {
          // The goal is the zombie's end, not the parent's: once it is reaped, stop.
          if (!present(zombie)) {
            break;
          }
          SignalResult r = signaller.send(a.kind(), parent, step.signal(),
              Policy.Role.ZOMBIE_PARENT, log);
          if (r != SignalResult.SENT) {
            if (!sent || (r != SignalResult.GONE && r != SignalResult.CHANGED)) {
              return parentNotSignalled(a, zombie, parent, r);
            }
            parentEnded = true;
            break;
          }
          sent = true;
          poller.await(() -> !present(zombie) || !control.alive(parent.identity()),
              step.waitMs());
          if (!control.alive(parent.identity())) {
            parentEnded = true;
            break;
          }
        }
        if (parentEnded) {
          // Reparented to init (or a subreaper), which reaps it; give that the grace period.
          poller.await(() -> !present(zombie), a.steps().get(0).waitMs());
        }
        if (!present(zombie)) {
          return done(a, zombie, Status.TERMINATED, null, parentEnded
              ? "its parent " + parent.pid() + " ended and the zombie was reaped"
              : "reaped by its parent");
        }
        return done(a, zombie, Status.SURVIVED, null, parentEnded
            ? "its parent " + parent.pid() + " ended but the zombie is not reaped yet"
            : "its parent " + parent.pid() + " survived every signal");
      } catch (Halt e) {
        return halted(a, zombie, e);
      }
    }

    @Override
    public TargetOutcome killTree(KillTree a) {
      TreeFreezer.Frozen frozen = null;
      try {
        List<Target> tree = a.tree();
        if (canFreeze && signaller.policy().maySend(Signal.STOP).isEmpty()) {
          frozen = freezer.freeze(a.kind(), tree, a.excluded(), log);
          tree = frozen.members();
        }
        List<Escalator.Member> members = escalator.run(a.kind(), tree, a.steps(), log);
        return treeOutcome(a, members, frozen == null ? List.of() : frozen.lateMembers());
      } catch (Halt e) {
        return halted(a, a.target(), e);
      } finally {
        if (frozen != null) {
          thaw(a, frozen);
        }
      }
    }

    /** Survivors and members left alone after an interrupt must not stay stopped. */
    private void thaw(KillTree a, TreeFreezer.Frozen frozen) {
      try {
        freezer.thaw(a.kind(), frozen.stopped(), log);
      } catch (Halt e) {
        if (failure == null) {
          failure = e;
        }
      }
    }

    @Override
    public TargetOutcome removePidfile(RemovePidfile a) {
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
            return halted(a, path, e);
          }
          r = v.unlink();
        }
      }
      Status status = r.result() == Removal.Result.REMOVED ? Status.REMOVED
          : r.result() == Removal.Result.SKIPPED ? Status.SKIPPED : Status.ERROR;
      String reason = r.reason();
      String message = r.message();
      try {
        signaller.write(new AuditEntry(signaller.now(), signaller.mode(), a.kind(), pid,
            null, null, null, status == Status.REMOVED ? "removed" : status.label(), "unlink",
            path + ": " + message));
      } catch (Halt e) {
        failure = e;
      }
      return new TargetOutcome(a.kind(), null, path, a.cause(), status, reason, message, log);
    }

    @Override
    public TargetOutcome keep(Keep a) {
      return DryRun.describe(a); // nothing to do: it ends as planned
    }

    @Override
    public TargetOutcome keepPidfile(KeepPidfile a) {
      return DryRun.describe(a);
    }

    private TargetOutcome parentNotSignalled(Action a, Target zombie, Target parent,
        SignalResult r) {
      Status status = r == SignalResult.ERROR ? Status.ERROR : Status.SKIPPED;
      String message = "its parent " + parent.pid() + " was not signalled: " + r.label()
          + (r == SignalResult.ERROR ? " (" + signaller.lastError() + ")" : "");
      return done(a, zombie, status, r.label(), message);
    }

    private TargetOutcome treeOutcome(KillTree a, List<Escalator.Member> members,
        List<Target> late) {
      List<Escalator.Member> survived = filter(members, Status.SURVIVED);
      List<Escalator.Member> errors = filter(members, Status.ERROR);
      List<Escalator.Member> ended = filter(members, Status.TERMINATED);
      String tally = ended.size() + " of " + members.size() + " ended"
          + (a.excluded().isEmpty() ? "" : ", " + a.excluded().size() + " excluded")
          + (late.isEmpty() ? "" : ", found after the scan: " + late.stream()
              .map(t -> String.valueOf(t.pid())).collect(Collectors.joining(", ")));
      if (!survived.isEmpty()) {
        return done(a, a.target(), Status.SURVIVED, null, tally + "; still running: "
            + pids(survived));
      }
      if (!errors.isEmpty()) {
        return done(a, a.target(), Status.ERROR, "error", tally + "; failed: " + pids(errors)
            + " (" + errors.get(0).error + ")");
      }
      for (Escalator.Member m : members) {
        if (m.stop == SignalResult.DENIED || m.stop == SignalResult.UNREADABLE) {
          return done(a, a.target(), Status.SKIPPED, m.reason(), tally + "; "
              + m.reason() + ": " + m.target.pid());
        }
      }
      if (!ended.isEmpty()) {
        return done(a, a.target(), Status.TERMINATED, null, tally);
      }
      Escalator.Member root = members.get(members.size() - 1);
      return done(a, a.target(), Status.SKIPPED, root.reason(), tally);
    }

    private TargetOutcome halted(RemovePidfile a, String path, Halt e) {
      failure = e;
      return new TargetOutcome(a.kind(), null, path, a.cause(), Status.ERROR, "error",
          e.getMessage() + "; nothing deleted", log);
    }

    private TargetOutcome halted(Action a, Target t, Halt e) {
      failure = e;
      if (e.interrupted()) {
        return done(a, t, Status.SKIPPED, "interrupted",
            "interrupted; stopped before the next signal");
      }
      return done(a, t, Status.ERROR, "error", e.getMessage() + "; stopped before the next signal");
    }

    private TargetOutcome done(Action a, Target t, Status status, String reason,
        String message) {
      return new TargetOutcome(a.kind(), t, null, a.cause(), status, reason, message, log);
    }
  }

  /** Whether this incarnation (a zombie, typically) is still in the process table. */
  private boolean present(Target t) {
    return control.identity(t.pid()).map(t::sameAs).orElse(false);
  }

  private static String memberMessage(Escalator.Member m) {
    switch (m.status()) {
      case TERMINATED:
        return "ended after " + (m.sent ? "our signals" : "a signal");
      case SURVIVED:
        return m.stop == null ? "still running after the last signal"
            : "still running; the next signal was " + m.stop.label();
      case ERROR:
        return m.error;
      default:
        return m.stop == SignalResult.CHANGED
            ? "the pid now belongs to another process; not signalled"
            : m.stop == SignalResult.GONE ? "already gone; not signalled"
            : "not signalled: " + m.reason();
    }
  }

  private static List<Escalator.Member> filter(List<Escalator.Member> members, Status s) {
    return members.stream().filter(m -> m.status() == s).collect(Collectors.toList());
  }

  private static String pids(List<Escalator.Member> members) {
    return members.stream().map(m -> String.valueOf(m.target.pid()))
        .collect(Collectors.joining(", "));
  }
}
