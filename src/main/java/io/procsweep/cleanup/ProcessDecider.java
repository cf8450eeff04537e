package io.procsweep.cleanup;

import io.procsweep.facts.SnapshotIndex;
import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.scan.Finding;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides the action for one finding: the rule's wish, filtered through the policy. */
final class ProcessDecider {
  private final SnapshotIndex index;
  private final Policy policy;
  private final Mode mode;
  private final Duration grace;
  private final PlannerContext ctx;

  ProcessDecider(SnapshotIndex index, Policy policy, Duration grace, PlannerContext ctx) {
    this.index = index;
    this.policy = policy;
    this.mode = policy.mode();
    this.grace = grace;
    this.ctx = ctx;
  }

  Action decide(Finding f) {
    ProcessInfo p = f.process();
    Target target = Target.of(p);
    Cause cause = Cause.of(f);

    // The policy first: a protected process stays protected whatever a rule asks for.
    Optional<Policy.Refusal> never = policy.never(p);
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
    Optional<Policy.Refusal> other = policy.otherUser(p.uid(), p.user());
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
    Optional<Policy.Refusal> refused = policy.mayReapVia(ppid);
    if (refused.isPresent()) {
      return keep(target, cause, refused.get());
    }
    ProcessInfo parent = index.get(ppid);
    if (parent == null) {
      return new Keep(target, cause, KeepReason.PARENT_UNKNOWN,
          "its parent " + ppid + " is not in the snapshot, so its identity cannot be checked");
    }
    refused = policy.mayReapVia(parent);
    if (refused.isPresent()) {
      return keep(target, cause, refused.get());
    }
    Target parentTarget = Target.of(parent);
    if (wanted == CleanupAction.SIGNAL_PARENT) {
      return new SignalParent(target, parentTarget, cause, Escalation.signalParent(grace));
    }
    // In safe mode a rule's terminate-parent is one SIGTERM: safe never escalates.
    return new TerminateParent(target, parentTarget, cause,
        Escalation.terminate(mode, grace, ctx.windows()), Escalation.note(ctx.windows()));
  }

  /** terminate / kill-tree: the target itself gets the signals. */
  private Action selfAction(CleanupAction wanted, ProcessInfo p, Target target, Cause cause) {
    if (p.state() == ProcState.ZOMBIE) {
      return new Keep(target, cause, KeepReason.ZOMBIE,
          "a signal to a zombie does nothing; only its parent can make it go");
    }
    Optional<Policy.Refusal> refused = policy.mayTouch(p, Policy.Role.TARGET);
    if (refused.isPresent()) {
      return keep(target, cause, refused.get());
    }
    // Safe mode never escalates, whatever the rule asks for in its safe column.
    List<Step> steps = Escalation.terminate(this.mode, grace, ctx.windows());
    String note = Escalation.note(ctx.windows());
    TreeCollector.Tree tree = new TreeCollector(index, policy, ctx.windows()).collect(p);
    if (wanted == CleanupAction.TERMINATE) {
      return new Terminate(target, cause, steps, portHolders(tree, p), note);
    }
    return new KillTree(target, cause, steps, tree.members(), tree.excluded(), note);
  }

  /**
   * The tree's members (the policy already allowed each) that hold a listening socket, deepest
   * first: the wrapper's server holds the port, and it must end with the wrapper.
   */
  private List<Target> portHolders(TreeCollector.Tree tree, ProcessInfo root) {
    List<Target> holders = new ArrayList<>();
    for (Target t : tree.members()) {
      if (t.pid() != root.pid() && !index.listeners(t.pid()).isEmpty()) {
        holders.add(t);
      }
    }
    return holders;
  }

  private static Keep keep(Target target, Cause cause, Policy.Refusal r) {
    return new Keep(target, cause, r.reason(), r.detail());
  }
}
