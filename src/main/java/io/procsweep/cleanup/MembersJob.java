package io.procsweep.cleanup;

import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.SignalResult;
import io.procsweep.snapshot.Listener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A terminate (the target and the descendants holding its ports) or a kill-tree (the whole tree,
 * frozen first where the mode allows): each rung goes to every member still alive, deepest
 * first; a member that ended never gets the next rung.
 */
final class MembersJob extends Job {

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

  private final Target root;
  private final List<Step> steps;
  private final List<Excluded> excluded;
  private final boolean tree;
  private final boolean freeze;
  private final ProcessControl control;
  private final TreeFreezer freezer;
  private final Map<Integer, Member> members = new LinkedHashMap<>();
  private List<Member> signalled = List.of();
  private TreeFreezer.Frozen frozen;
  private final List<String> heldPorts = new ArrayList<>();

  /**
   * @param freeze whether a kill-tree is stopped before its first rung (SIGSTOP exists and the
   *     mode allows it)
   */
  MembersJob(Action action, ProcessControl control, TreeFreezer freezer, boolean freeze) {
    super(action);
    this.control = control;
    this.freezer = freezer;
    this.steps = action.steps();
    if (action instanceof KillTree) {
      KillTree k = (KillTree) action;
      this.root = k.target();
      this.excluded = k.excluded();
      this.tree = true;
    } else {
      this.root = ((Terminate) action).target();
      this.excluded = List.of();
      this.tree = false;
    }
    this.freeze = tree && freeze;
  }

  @Override
  void start() throws Halt {
    super.start();
    List<Target> planned = action.processes();
    if (freeze) {
      frozen = freezer.freeze(action.kind(), planned, excluded, log);
      planned = frozen.members();
    }
    for (Target t : planned) {
      members.putIfAbsent(t.pid(), new Member(t));
    }
  }

  @Override
  boolean send(int k, RungSender sender) throws Halt {
    if (k >= steps.size()) {
      return false;
    }
    List<Member> now = new ArrayList<>();
    signalled = now;
    for (Member m : members.values()) {
      if (m.ended || m.stop != null) {
        continue;
      }
      Policy.Role role = m.target.equals(root) ? Policy.Role.TARGET : Policy.Role.TREE_MEMBER;
      SignalResult r = sender.send(action.kind(), m.target, steps.get(k).signal(), role, log);
      switch (r) {
        case SENT:
          m.sent = true;
          now.add(m);
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
              ? sender.lastError() : null;
          break;
      }
    }
    return !now.isEmpty();
  }

  @Override
  long waitMs(int k) {
    return steps.get(k).waitMs();
  }

  @Override
  boolean settled() {
    boolean all = true;
    for (Member m : signalled) {
      if (!m.ended && !control.alive(m.target.identity())) {
        m.ended = true;
      }
      all &= m.ended;
    }
    return all;
  }

  @Override
  boolean reaped() {
    for (Member m : members.values()) {
      if (m.ended && ExecutionRun.present(control, m.target)) {
        return false;
      }
    }
    return true;
  }

  @Override
  long finalWaitMs() {
    return ExecutionRun.REAP_WAIT_MS;
  }

  /** Members (and excluded descendants) of this incarnation still holding a listening port. */
  @Override
  void checkPorts(List<Listener> fresh) {
    Map<Integer, Target> ours = new LinkedHashMap<>();
    for (Member m : members.values()) {
      ours.put(m.target.pid(), m.target);
    }
    for (Excluded e : excluded) {
      ours.putIfAbsent(e.process().pid(), e.process());
    }
    for (Listener l : fresh) {
      Target t = l.pid() == null ? null : ours.get(l.pid());
      if (t != null && ExecutionRun.present(control, t)) {
        String held = l.port() + " by " + t.pid() + " (" + t.name() + ")";
        if (!heldPorts.contains(held)) {
          heldPorts.add(held);
        }
      }
    }
  }

  @Override
  void thaw() throws Halt {
    if (frozen != null) {
      freezer.thaw(action.kind(), frozen.stopped(), log);
    }
  }

  @Override
  List<TargetOutcome> finish() {
    TargetOutcome out = !tree && members.size() == 1 ? single(members.get(root.pid()))
        : group();
    if (!heldPorts.isEmpty() && out.status() != Status.ERROR) {
      // Ended by our account, yet a fresh socket read still finds the port held: not done.
      out = out.with(Status.SURVIVED, null, out.message() + "; port still held: "
          + String.join(", ", heldPorts));
    }
    return List.of(out);
  }

  @Override
  List<TargetOutcome> stopped(Halt halt, boolean here) {
    if (here) {
      return List.of(ExecutionRun.halted(action, root, halt, log));
    }
    if (!sentAny()) {
      return DryRun.notRunAll(action, halt.reason());
    }
    if (members.values().stream().allMatch(m -> m.ended || m.stop != null)) {
      return finish(); // it had finished before the run stopped
    }
    return List.of(entry(Status.SKIPPED, halt.reason(), "stopped before the next signal: the"
        + " run was " + halt.reason()));
  }

  private TargetOutcome single(Member m) {
    return entry(m.status(), m.reason(), memberMessage(m));
  }

  private TargetOutcome group() {
    List<Member> all = new ArrayList<>(members.values());
    List<Member> survived = filter(all, Status.SURVIVED);
    List<Member> errors = filter(all, Status.ERROR);
    List<Member> ended = filter(all, Status.TERMINATED);
    List<Target> late = frozen == null ? List.of() : frozen.lateMembers();
    String tally = ended.size() + " of " + all.size() + " ended"
        + (tree ? "" : " (the target and the holders of its ports)")
        + (excluded.isEmpty() ? "" : ", " + excluded.size() + " excluded")
        + (late.isEmpty() ? "" : ", found after the scan: " + late.stream()
            .map(t -> String.valueOf(t.pid())).collect(Collectors.joining(", ")));
    if (!survived.isEmpty()) {
      return entry(Status.SURVIVED, null, tally + "; still running: " + pids(survived));
    }
    if (!errors.isEmpty()) {
      return entry(Status.ERROR, "error", tally + "; failed: " + pids(errors) + " ("
          + errors.get(0).error + ")");
    }
    for (Member m : all) {
      if (m.stop == SignalResult.DENIED || m.stop == SignalResult.UNREADABLE) {
        return entry(Status.SKIPPED, m.reason(), tally + "; " + m.reason() + ": "
            + m.target.pid());
      }
    }
    if (!ended.isEmpty()) {
      return entry(Status.TERMINATED, null, tally);
    }
    Member target = members.get(root.pid());
    return entry(Status.SKIPPED, target == null ? null : target.reason(), tally);
  }

  private TargetOutcome entry(Status status, String reason, String message) {
    return new TargetOutcome(action.kind(), root, null, action.cause(), status, reason, message,
        log);
  }

  private static String memberMessage(Member m) {
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

  private static List<Member> filter(List<Member> members, Status s) {
    return members.stream().filter(m -> m.status() == s).collect(Collectors.toList());
  }

  private static String pids(List<Member> members) {
    return members.stream().map(m -> String.valueOf(m.target.pid()))
        .collect(Collectors.joining(", "));
  }
}
