package io.procsweep.cleanup;

import java.util.List;

/**
 * One planned action, for one target. A closed family: the planner makes them, the executor,
 * the JSON writer and reader and the tables consume them through {@link Visitor}, so adding a
 * kind breaks every consumer at compile time instead of falling through a default branch.
 */
public sealed interface Action
    permits SignalParent, Terminate, TerminateParent, KillTree, Keep, PidfileAction {

  /** The spelling in plans, outcomes and the audit log ({@code kill-tree}, {@code none}, ...). */
  String kind();

  /** The finding behind it. */
  Cause cause();

  /** The signal sequence with its waits; empty for actions that signal nothing. */
  List<Step> steps();

  /** The processes it will signal, in order (a kill-tree's deepest first); may be empty. */
  List<Target> processes();

  <R> R accept(Visitor<R> v);

  /** One method per kind; see {@link Action}. */
  interface Visitor<R> {
    R signalParent(SignalParent a);

    R terminate(Terminate a);

    R terminateParent(TerminateParent a);

    R killTree(KillTree a);

    R removePidfile(RemovePidfile a);

    R keep(Keep a);

    R keepPidfile(KeepPidfile a);
  }
}
