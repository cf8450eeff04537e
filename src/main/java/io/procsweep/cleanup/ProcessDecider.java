package io.procsweep.cleanup;

import io.procsweep.facts.SnapshotIndex;
import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.scan.Finding;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Decides the action for one finding: the rule's wish, filtered through the policy. */
final class ProcessDecider {
  private final SnapshotIndex index;
  private final Guard guard;
  private final List<String> subreapers;
  private final Mode mode;
  private final Duration grace;
  private final PlannerContext ctx;

  ProcessDecider(SnapshotIndex index, Guard guard, List<String> subreapers, Mode mode,
      Duration grace, PlannerContext ctx) {
    this.index = index;
    this.guard = guard;
    this.subreapers = subreapers;
    this.mode = mode;
    this.grace = grace;
    this.ctx = ctx;
  }

  Action decide(Finding f) {
    ProcessInfo p = f.process();
    Target target = Target.of(p);
    Cause cause = Cause.of(f);

    // The policy first: a protected process stays protected whatever a rule asks for.
    Optional<Refusal> never = guard.never(p);
    if (never.isPresent()) {
      return keep(target, cause, never.get());
    }
    CleanupSpec spec = f.cleanup() == null ? CleanupSpec.NONE : f.cleanup();
    CleanupAction wanted = mode == Mode.SAFE ? spec.safe() : spec.forced();
    if (wanted == CleanupAction.NONE) {
      return new Keep(target, cause, KeepReason.RULE_SAYS_NONE,
          "rule '" + f.rule() + "' proposes no " + mode.label() + " cleanup");
    }
    // Checked on the target even when its parent gets the signal: safe mode stays out of
    // other users' business altogether.
    Optional<Refusal> other = guard.otherUser(p);
    if (other.isPresent()) {
      return keep(target, cause, other.get());
    }
    switch (wanted) {
      case SIGNAL_PARENT:
      case TERMINATE_PARENT:
        return parentAction(wanted, p, target, cause);
      case TERMINATE:
      case KILL_TREE:
        return selfAction(wanted, p, target, cause);
      default:
        throw new IllegalStateException("unhandled cleanup action " + wanted);
    }
  }

  /** signal-parent / terminate-parent: the zombie is the target, its parent gets the signals. */
  private Action parentAction(CleanupAction wanted, ProcessInfo p, Target target, Cause cause) {
    if (wanted == CleanupAction.SIGNAL_PARENT && ctx.windows()) {
      return new Keep(target, cause, KeepReason.NOT_SUPPORTED,
          "Windows has no SIGCHLD to send to the parent");
    }
    if (p.state() != ProcState.ZOMBIE) {
      return new Keep(target, cause, KeepReason.NOT_ZOMBIE, wanted.label()
          + " is for zombies; this process is " + p.state().label());
    }
    int ppid = p.ppid();
    if (ppid <= 1) {
      return new Keep(target, cause, KeepReason.INIT_PARENT,
          "its parent is init (pid 1), which reaps it");
    }
    if (ctx.isSelfOrAncestor(ppid)) {
      return new Keep(target, cause, KeepReason.PROTECTED_PARENT,
          "its parent " + ppid + " is procsweep or one of its ancestors");
    }
    ProcessInfo parent = index.get(ppid);
    if (parent == null) {
      return new Keep(target, cause, KeepReason.PARENT_UNKNOWN,
          "its parent " + ppid + " is not in the snapshot, so its identity cannot be checked");
    }
    if (subreapers.contains(parent.name())) {
      return new Keep(target, cause, KeepReason.SUBREAPER_PARENT, "its parent " + ppid + " ("
          + parent.name() + ") is a subreaper, which reaps it");
    }
    Optional<Refusal> never = guard.never(parent);
    if (never.isPresent()) {
      return new Keep(target, cause, KeepReason.PROTECTED_PARENT, "its parent " + ppid + " ("
          + parent.name() + ") is " + never.get().detail());
    }
    Optional<Refusal> mode = guard.inThisMode(parent);
    if (mode.isPresent()) {
      return new Keep(target, cause, mode.get().reason(), "its parent " + ppid + " ("
          + parent.name() + ") is " + mode.get().detail());
    }
    Target parentTarget = Target.of(parent);
    if (wanted == CleanupAction.SIGNAL_PARENT) {
      return new SignalParent(target, parentTarget, cause, Escalation.signalParent(grace));
    }
    return new TerminateParent(target, parentTarget, cause,
        Escalation.terminate(Mode.FORCED, grace, ctx.windows()), Escalation.note(ctx.windows()));
  }

  /** terminate / kill-tree: the target itself gets the signals. */
  private Action selfAction(CleanupAction wanted, ProcessInfo p, Target target, Cause cause) {
    if (p.state() == ProcState.ZOMBIE) {
      return new Keep(target, cause, KeepReason.ZOMBIE,
          "a signal to a zombie does nothing; only its parent can make it go");
    }
    Optional<Refusal> mode = guard.inThisMode(p);
    if (mode.isPresent()) {
      return keep(target, cause, mode.get());
    }
    // Safe mode never escalates, whatever the rule asks for in its safe column.
    List<Step> steps = Escalation.terminate(this.mode, grace, ctx.windows());
    String note = Escalation.note(ctx.windows());
    if (wanted == CleanupAction.TERMINATE) {
      return new Terminate(target, cause, steps, note);
    }
    TreeCollector.Tree tree = new TreeCollector(index, guard, ctx.windows()).collect(p);
    return new KillTree(target, cause, steps, tree.members(), tree.excluded(), note);
  }

  private static Keep keep(Target target, Cause cause, Refusal r) {
    return new Keep(target, cause, r.reason(), r.detail());
  }
}
