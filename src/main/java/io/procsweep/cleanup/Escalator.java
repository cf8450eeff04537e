package io.procsweep.cleanup;

import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.SignalResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a signal sequence over a group of processes (one for terminate, a tree for kill-tree):
 * each rung goes to every member still alive, in order, then waits until they have all ended or
 * the rung's wait is over. A member that ended never gets the next rung.
 */
final class Escalator {

  /** Where one member stands. */
  static final class Member {
    final Target target;
    boolean sent;
    /** Null while it may still get the next rung. */
    SignalResult stop;
    boolean ended;
    String error;

    Member(Target target) {
      this.target = target;
    }

    /** Its outcome on its own: status and reason. */
    Status status() {
      if (ended) {
        return Status.TERMINATED;
      }
      if (stop == null) {
        return Status.SURVIVED;
      }
      switch (stop) {
        case GONE:
        case CHANGED:
          return Status.SKIPPED;
        case ERROR:
          return Status.ERROR;
        default:
          // Denied or unreadable after an earlier signal got through: it is still there.
          return sent ? Status.SURVIVED : Status.SKIPPED;
      }
    }

    String reason() {
      return stop == null ? null : stop.label();
    }
  }

  private final Signaller signaller;
  private final ProcessControl control;
  private final Poller poller;

  Escalator(Signaller signaller, ProcessControl control, Poller poller) {
    this.signaller = signaller;
    this.control = control;
    this.poller = poller;
  }

  /**
   * @param targets deepest first; the last one is the action's own target, the others are
   *     kill-tree members (the policy asks about each in its role)
   */
  List<Member> run(String action, List<Target> targets, List<Step> steps,
      List<SignalRecord> log) throws Halt {
    Target root = targets.get(targets.size() - 1);
    Map<Integer, Member> members = new LinkedHashMap<>();
    for (Target t : targets) {
      members.putIfAbsent(t.pid(), new Member(t));
    }
    for (Step step : steps) {
      List<Member> signalled = new ArrayList<>();
      for (Member m : members.values()) {
        if (m.ended || m.stop != null) {
          continue;
        }
        Policy.Role role = m.target.equals(root) ? Policy.Role.TARGET : Policy.Role.TREE_MEMBER;
        SignalResult r = signaller.send(action, m.target, step.signal(), role, log);
        switch (r) {
          case SENT:
            m.sent = true;
            signalled.add(m);
            break;
          case GONE:
          case CHANGED:
            // After one of our signals, "gone" or "reused" both mean the process we signalled
            // has ended; before any, it ended (or was replaced) on its own.
            if (m.sent) {
              m.ended = true;
            } else {
              m.stop = r;
            }
            break;
          default:
            m.stop = r;
            m.error = r == SignalResult.ERROR || r == SignalResult.REFUSED
                ? signaller.lastError() : null;
            break;
        }
      }
      if (signalled.isEmpty()) {
        break;
      }
      poller.await(() -> {
        boolean all = true;
        for (Member m : signalled) {
          if (!m.ended && !control.alive(m.target.identity())) {
            m.ended = true;
          }
          all &= m.ended;
        }
        return all;
      }, step.waitMs());
    }
    return new ArrayList<>(members.values());
  }
}
