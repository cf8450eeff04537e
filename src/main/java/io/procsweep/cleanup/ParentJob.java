package io.procsweep.cleanup;

import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.SignalResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A signal-parent or terminate-parent for all zombies of one parent. The goal is the zombies'
 * end, not the parent's: escalation stops once they are all reaped, even if the parent runs on.
 */
final class ParentJob extends Job {
  private final List<Target> zombies;
  private final Target parent;
  private final List<Step> steps;
  private final boolean terminate;
  private final ProcessControl control;
  private final Set<Integer> goneBefore = new HashSet<>();
  private boolean sent;
  private boolean parentEnded;
  private SignalResult notSignalled;
  private String error;

  ParentJob(SignalParent a, ProcessControl control) {
    this(a, a.zombies(), a.parent(), false, control);
  }

  ParentJob(TerminateParent a, ProcessControl control) {
    this(a, a.zombies(), a.parent(), true, control);
  }

  private ParentJob(Action a, List<Target> zombies, Target parent, boolean terminate,
      ProcessControl control) {
    super(a);
    this.zombies = zombies;
    this.parent = parent;
    this.steps = a.steps();
    this.terminate = terminate;
    this.control = control;
  }

  @Override
  boolean send(int k, RungSender sender) throws Halt {
    if (k == 0) {
      for (Target z : zombies) {
        if (!ExecutionRun.present(control, z)) {
          goneBefore.add(z.pid());
        }
      }
    }
    if (k >= steps.size() || parentEnded || notSignalled != null || !anyPresent()) {
      return false;
    }
    SignalResult r = sender.send(action.kind(), parent, steps.get(k).signal(),
        Policy.Role.ZOMBIE_PARENT, log);
    if (r == SignalResult.SENT) {
      sent = true;
      return true;
    }
    if (terminate && sent && (r == SignalResult.GONE || r == SignalResult.CHANGED)) {
      parentEnded = true; // it ended after our last signal: init adopts its zombies
    } else {
      notSignalled = r;
      error = r == SignalResult.ERROR ? sender.lastError() : null;
    }
    return false;
  }

  @Override
  long waitMs(int k) {
    return steps.get(k).waitMs();
  }

  @Override
  boolean settled() {
    return !anyPresent() || (terminate && !control.alive(parent.identity()));
  }

  @Override
  void afterWait() {
    if (terminate && sent && !control.alive(parent.identity())) {
      parentEnded = true;
    }
  }

  /** A parent that ended leaves its zombies to init: that gets the grace period to reap them. */
  @Override
  boolean reaped() {
    return !parentEnded || !anyPresent();
  }

  @Override
  long finalWaitMs() {
    return parentEnded ? steps.get(0).waitMs() : 0;
  }

  @Override
  List<TargetOutcome> finish() {
    List<TargetOutcome> out = new ArrayList<>();
    for (Target z : zombies) {
      out.add(outcome(z));
    }
    return out;
  }

  private TargetOutcome outcome(Target z) {
    if (goneBefore.contains(z.pid())) {
      return entry(z, Status.SKIPPED, "gone", "the zombie was already reaped");
    }
    if (!ExecutionRun.present(control, z)) {
      return entry(z, Status.TERMINATED, null, parentEnded
          ? "its parent " + parent.pid() + " ended and the zombie was reaped"
          : "reaped by its parent" + together());
    }
    if (notSignalled != null) {
      Status status = notSignalled == SignalResult.ERROR ? Status.ERROR : Status.SKIPPED;
      return entry(z, status, notSignalled.label(), "its parent " + parent.pid()
          + " was not signalled: " + notSignalled.label()
          + (notSignalled == SignalResult.ERROR ? " (" + error + ")" : ""));
    }
    if (!terminate) {
      return entry(z, Status.SURVIVED, null, "its parent " + parent.pid() + " did not reap it");
    }
    return entry(z, Status.SURVIVED, null, parentEnded
        ? "its parent " + parent.pid() + " ended but the zombie is not reaped yet"
        : "its parent " + parent.pid() + " survived every signal");
  }

  private String together() {
    return zombies.size() == 1 ? "" : " (one action for its " + zombies.size() + " zombies)";
  }

  @Override
  List<TargetOutcome> stopped(Halt halt, boolean here) {
    if (!sent && !here) {
      return DryRun.notRunAll(action, halt.reason());
    }
    List<TargetOutcome> out = new ArrayList<>();
    for (Target z : zombies) {
      if (!goneBefore.contains(z.pid()) && ExecutionRun.present(control, z)) {
        out.add(here ? ExecutionRun.halted(action, z, halt, log)
            : entry(z, Status.SKIPPED, halt.reason(), "stopped before the next signal: the"
                + " run was " + halt.reason()));
      } else {
        out.add(outcome(z));
      }
    }
    return out;
  }

  private boolean anyPresent() {
    for (Target z : zombies) {
      if (ExecutionRun.present(control, z)) {
        return true;
      }
    }
    return false;
  }

  private TargetOutcome entry(Target z, Status status, String reason, String message) {
    return new TargetOutcome(action.kind(), z, null, action.cause(), status, reason, message,
        log);
  }
}
