package io.procsweep.cleanup;

import io.procsweep.cleanup.pidfile.ProcessLookup;
import io.procsweep.rules.RuleSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved plan is untrusted input (DESIGN §7): it is carried out only where a fresh plan, made
 * now with the same rules, the same mode and the user's current scope, agrees with it. Each
 * saved action either becomes the fresh action for the same process (so every policy decision
 * is today's) or a {@code none} with the reason it was dropped. A saved plan can only narrow:
 * nothing the fresh plan would do beyond it is carried out.
 */
public final class SavedPlanCheck {

  /** The saved plan cannot be carried out here at all; one sentence for the user. */
  public static final class Mismatch extends Exception {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message);
    }
  }

  private SavedPlanCheck() {}

  /**
   * Checks the plan-wide facts (host, platform, mode, rule sets), then reconciles each action.
   *
   * @param saved the plan as read from the file
   * @param fresh a plan made now, in the saved plan's mode, with today's rules and scope
   * @param host this host's name, read the way the plan's scan read it
   * @param platform this platform's label
   * @param lookup fresh reads, to tell a reused pid from a process that is simply gone
   */
  public static Plan reconcile(Plan saved, Plan fresh, String host, String platform,
      ProcessLookup lookup) throws Mismatch {
    if (saved.host() == null || !saved.host().equals(host)) {
      throw new Mismatch("the plan was made on host '" + saved.host() + "', not on this one ('"
          + host + "')");
    }
    if (!saved.platform().equals(platform)) {
      throw new Mismatch("the plan was made for " + saved.platform() + ", not " + platform);
    }
    if (saved.mode() != fresh.mode()) {
      throw new Mismatch("the plan's mode " + saved.mode().label() + " is not the mode of this"
          + " run (" + fresh.mode().label() + ")");
    }
    if (!sameRules(saved.ruleSets(), fresh.ruleSets())) {
      throw new Mismatch("the rule sets changed since the plan was made (plan: "
          + describe(saved.ruleSets()) + "; now: " + describe(fresh.ruleSets())
          + "); make a new plan");
    }
    Map<Integer, Action> byPid = new HashMap<>();
    Map<String, Action> byPath = new HashMap<>();
    for (Action a : fresh.actions()) {
      if (a instanceof RemovePidfile) {
        byPath.put(((RemovePidfile) a).pidfile().path().toString(), a);
      } else if (a instanceof KeepPidfile) {
        byPath.put(((KeepPidfile) a).pidfile().path().toString(), a);
      } else {
        for (Target t : zombiesOf(a)) {
          byPid.put(t.pid(), a); // a parent's action is found by each of its zombies
        }
        byPid.put(targetOf(a).pid(), a);
      }
    }
    List<Action> out = new ArrayList<>();
    for (Action a : saved.actions()) {
      out.addAll(a.accept(new Agree(byPid, byPath, lookup)));
    }
    return new Plan(saved.mode(), saved.createdAt(), saved.grace(), saved.host(),
        saved.platform(), out, saved.ruleSets());
  }

  /** The finding's process of a process action. */
  private static Target targetOf(Action a) {
    if (a instanceof Keep) {
      return ((Keep) a).target();
    }
    if (a instanceof KillTree) {
      return ((KillTree) a).target();
    }
    if (a instanceof Terminate) {
      return ((Terminate) a).target();
    }
    if (a instanceof SignalParent) {
      return ((SignalParent) a).target();
    }
    if (a instanceof TerminateParent) {
      return ((TerminateParent) a).target();
    }
    throw new IllegalArgumentException("not a process action: " + a.kind());
  }

  /** A parent action's zombies; empty for other actions. */
  private static List<Target> zombiesOf(Action a) {
    if (a instanceof SignalParent) {
      return ((SignalParent) a).zombies();
    }
    if (a instanceof TerminateParent) {
      return ((TerminateParent) a).zombies();
    }
    return List.of();
  }

  /** The fresh action's own record of the process with this pid (a zombie, or its target). */
  private static Target freshTarget(Action now, int pid) {
    for (Target z : zombiesOf(now)) {
      if (z.pid() == pid) {
        return z;
      }
    }
    return targetOf(now);
  }

  private static boolean sameRules(List<RuleSource> a, List<RuleSource> b) {
    return a.equals(b);
  }

  private static String describe(List<RuleSource> sets) {
    List<String> parts = new ArrayList<>();
    for (RuleSource s : sets) {
      parts.add(s.source() + " " + (s.sha256() == null ? "?" : s.sha256().substring(0,
          Math.min(12, s.sha256().length()))));
    }
    return parts.isEmpty() ? "none recorded" : String.join(", ", parts);
  }

  /** What one saved action becomes. */
  private static final class Agree implements Action.Visitor<List<Action>> {
    private final Map<Integer, Action> byPid;
    private final Map<String, Action> byPath;
    private final ProcessLookup lookup;

    Agree(Map<Integer, Action> byPid, Map<String, Action> byPath, ProcessLookup lookup) {
      this.byPid = byPid;
      this.byPath = byPath;
      this.lookup = lookup;
    }

    @Override
    public List<Action> signalParent(SignalParent a) {
      return parentAction(a, a.zombies(), a.parent());
    }

    @Override
    public List<Action> terminate(Terminate a) {
      Action now = process(a, a.target(), null);
      if (now instanceof Terminate) {
        // Only the port holders both plans name: a saved plan can only narrow.
        Terminate t = (Terminate) now;
        List<Target> holders = new ArrayList<>();
        for (Target h : t.holders()) {
          if (a.holders().stream().anyMatch(s -> s.sameAs(h.identity()))) {
            holders.add(h);
          }
        }
        now = new Terminate(t.target(), t.cause(), t.steps(), holders, t.note());
      }
      return List.of(now);
    }

    @Override
    public List<Action> terminateParent(TerminateParent a) {
      return parentAction(a, a.zombies(), a.parent());
    }

    @Override
    public List<Action> killTree(KillTree a) {
      return List.of(process(a, a.target(), null));
    }

    @Override
    public List<Action> keep(Keep a) {
      return List.of(a); // signals nothing, whatever it says
    }

    @Override
    public List<Action> keepPidfile(KeepPidfile a) {
      return List.of(a);
    }

    @Override
    public List<Action> removePidfile(RemovePidfile a) {
      Action now = byPath.get(a.pidfile().path().toString());
      if (now instanceof RemovePidfile && ((RemovePidfile) now).pidfile().equals(a.pidfile())) {
        return List.of(now);
      }
      if (now instanceof KeepPidfile) {
        return List.of(now);
      }
      return List.of(new KeepPidfile(a.pidfile(), KeepReason.NOT_A_FINDING,
          "a fresh check no longer finds this pid file stale as planned; left in place"));
    }

    /**
     * A parent's action for the saved zombies that a fresh plan still finds with the same
     * parent and action; each zombie it no longer agrees on becomes a {@code none} of its own.
     */
    private List<Action> parentAction(Action saved, List<Target> zombies, Target parent) {
      List<Target> agreed = new ArrayList<>();
      List<Action> dropped = new ArrayList<>();
      Action fresh = null;
      for (Target z : zombies) {
        Action now = process(saved, z, parent);
        if (now instanceof Keep) {
          dropped.add(now);
        } else if (fresh == null || fresh == now) {
          fresh = now;
          agreed.add(freshTarget(now, z.pid()));
        } else {
          // Two fresh actions for one saved parent: the parent's identity would differ.
          dropped.add(new Keep(z, saved.cause(), KeepReason.CHANGED,
              "its parent is no longer the one the plan names"));
        }
      }
      List<Action> out = new ArrayList<>();
      if (fresh instanceof SignalParent) {
        SignalParent s = (SignalParent) fresh;
        out.add(new SignalParent(agreed, s.parent(), s.cause(), s.steps()));
      } else if (fresh instanceof TerminateParent) {
        TerminateParent t = (TerminateParent) fresh;
        out.add(new TerminateParent(agreed, t.parent(), t.cause(), t.steps(), t.note()));
      }
      out.addAll(dropped);
      return out;
    }

    /**
     * @param parent the saved plan's zombie parent, or null for actions on the target itself
     */
    private Action process(Action saved, Target target, Target parent) {
      Action now = byPid.get(target.pid());
      if (now == null && lookup.identity(target.pid()).filter(id -> !target.sameAs(id))
          .isPresent()) {
        return keep(saved, target, KeepReason.CHANGED, "the pid now names another process");
      }
      if (now == null) {
        return keep(saved, target, KeepReason.NOT_A_FINDING,
            "a fresh scan no longer finds it (gone, or out of the scope given)");
      }
      if (!target.sameAs(freshTarget(now, target.pid()).identity())) {
        return keep(saved, target, KeepReason.CHANGED,
            "the pid now names another process or its details changed");
      }
      if (!now.cause().rule().equals(saved.cause().rule())) {
        return keep(saved, target, KeepReason.NOT_A_FINDING, "a fresh scan finds it by rule '"
            + now.cause().rule() + "', not by the plan's '" + saved.cause().rule() + "'");
      }
      if (now instanceof Keep) {
        return now; // today's policy keeps it, with today's reason
      }
      if (!now.kind().equals(saved.kind())) {
        return keep(saved, target, KeepReason.CHANGED, "the plan says " + saved.kind()
            + ", a fresh plan says " + now.kind());
      }
      if (parent != null && !parent.sameAs(now.processes().get(0).identity())) {
        return keep(saved, target, KeepReason.CHANGED, "its parent is no longer the one the"
            + " plan names");
      }
      return now;
    }

    private static Action keep(Action saved, Target target, KeepReason reason, String detail) {
      return new Keep(target, saved.cause(), reason, detail);
    }
  }
}
