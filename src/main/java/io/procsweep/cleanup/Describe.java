package io.procsweep.cleanup;

import io.procsweep.cleanup.pidfile.StalePidfile;
import java.util.List;
import java.util.StringJoiner;

/**
 * One sentence per action, for dry runs and the plan table. Raw text: tables escape it. Public
 * for the plan writers in {@code report}.
 */
public final class Describe implements Action.Visitor<String> {
  static final Describe INSTANCE = new Describe();

  private Describe() {}

  public static String of(Action a) {
    return a.accept(INSTANCE);
  }

  @Override
  public String signalParent(SignalParent a) {
    return steps(a.steps()) + " to parent " + who(a.parent()) + ", then check that "
        + zombies(a.zombies()) + (a.zombies().size() == 1 ? " is" : " are") + " reaped";
  }

  @Override
  public String terminate(Terminate a) {
    if (!a.holders().isEmpty()) {
      StringJoiner holders = new StringJoiner(", ");
      for (Target t : a.holders()) {
        holders.add(who(t));
      }
      return steps(a.steps()) + " to " + who(a.target()) + " and the holders of its ports "
          + holders + note(a.note());
    }
    return steps(a.steps()) + " to " + who(a.target()) + note(a.note());
  }

  @Override
  public String terminateParent(TerminateParent a) {
    return steps(a.steps()) + " to parent " + who(a.parent()) + " so init reaps "
        + zombies(a.zombies()) + "; stop once " + (a.zombies().size() == 1 ? "it is" : "they are")
        + " gone" + note(a.note());
  }

  @Override
  public String killTree(KillTree a) {
    StringJoiner order = new StringJoiner(", ");
    for (Target t : a.tree()) {
      order.add(String.valueOf(t.pid()));
    }
    String excluded = a.excluded().isEmpty() ? ""
        : "; leaves alone " + a.excluded().size() + " ("
            + a.excluded().stream().map(e -> e.process().pid() + " " + e.reason().label())
                .reduce((x, y) -> x + ", " + y).orElse("") + ")";
    int n = a.tree().size();
    return steps(a.steps()) + " to " + (n == 1 ? "1 process: " : n + " processes, deepest first: ")
        + order
        + excluded + note(a.note());
  }

  @Override
  public String removePidfile(RemovePidfile a) {
    StalePidfile f = a.pidfile();
    return "delete " + f.path() + " (" + f.state().label()
        + (f.pid() == null ? "" : ", pid " + f.pid()) + ") if still stale";
  }

  @Override
  public String keep(Keep a) {
    return a.detail() == null ? a.reason().label() : a.detail();
  }

  @Override
  public String keepPidfile(KeepPidfile a) {
    return a.detail() == null ? a.reason().label() : a.detail();
  }

  /** "SIGTERM, wait 5s, SIGTERM, wait 5s, SIGKILL, wait 5s". */
  static String steps(List<Step> steps) {
    StringJoiner j = new StringJoiner(", ");
    for (Step s : steps) {
      j.add(s.signal().label());
      if (s.waitMs() > 0) {
        j.add("wait " + duration(s.waitMs()));
      }
    }
    return j.toString();
  }

  public static String duration(long ms) {
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  /** "zombie 4242", or "its 3 zombies (4242, 4243, 4244)". */
  private static String zombies(List<Target> zombies) {
    if (zombies.size() == 1) {
      return "zombie " + zombies.get(0).pid();
    }
    StringJoiner pids = new StringJoiner(", ");
    for (Target t : zombies) {
      pids.add(String.valueOf(t.pid()));
    }
    return "its " + zombies.size() + " zombies (" + pids + ")";
  }

  private static String who(Target t) {
    return t.pid() + " (" + t.name() + ")";
  }

  private static String note(String note) {
    return note == null ? "" : " (" + note + ")";
  }
}
