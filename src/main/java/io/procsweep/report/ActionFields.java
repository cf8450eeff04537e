package io.procsweep.report;

import io.procsweep.cleanup.Action;
import io.procsweep.cleanup.Excluded;
import io.procsweep.cleanup.Keep;
import io.procsweep.cleanup.KeepPidfile;
import io.procsweep.cleanup.KeepReason;
import io.procsweep.cleanup.KillTree;
import io.procsweep.cleanup.RemovePidfile;
import io.procsweep.cleanup.SignalParent;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.cleanup.Target;
import io.procsweep.cleanup.Terminate;
import io.procsweep.cleanup.TerminateParent;
import java.util.List;

/**
 * Every action flattened into one shape, null or empty where a field does not apply: what the
 * JSON writer and the table print. One exhaustive visitor instead of one per field. Public for
 * tests that look at a plan's targets without a visitor of their own.
 */
public record ActionFields(Target target, StalePidfile pidfile, List<Excluded> excluded,
    KeepReason reason, String detail, String note, List<Target> zombies) {

  /** Without zombies: every action but a zombie's parent's. */
  public ActionFields(Target target, StalePidfile pidfile, List<Excluded> excluded,
      KeepReason reason, String detail, String note) {
    this(target, pidfile, excluded, reason, detail, note, List.of());
  }

  public static ActionFields of(Action a) {
    return a.accept(Flatten.INSTANCE);
  }

  private static final class Flatten implements Action.Visitor<ActionFields> {
    static final Flatten INSTANCE = new Flatten();

    @Override
    public ActionFields signalParent(SignalParent a) {
      return new ActionFields(a.target(), null, List.of(), null, null, null, a.zombies());
    }

    @Override
    public ActionFields terminate(Terminate a) {
      return new ActionFields(a.target(), null, List.of(), null, null, a.note());
    }

    @Override
    public ActionFields terminateParent(TerminateParent a) {
      return new ActionFields(a.target(), null, List.of(), null, null, a.note(), a.zombies());
    }

    @Override
    public ActionFields killTree(KillTree a) {
      return new ActionFields(a.target(), null, a.excluded(), null, null, a.note());
    }

    @Override
    public ActionFields removePidfile(RemovePidfile a) {
      return new ActionFields(null, a.pidfile(), List.of(), null, null, null);
    }

    @Override
    public ActionFields keep(Keep a) {
      return new ActionFields(a.target(), null, List.of(), a.reason(), a.detail(), null);
    }

    @Override
    public ActionFields keepPidfile(KeepPidfile a) {
      return new ActionFields(null, a.pidfile(), List.of(), a.reason(), a.detail(), null);
    }
  }
}
