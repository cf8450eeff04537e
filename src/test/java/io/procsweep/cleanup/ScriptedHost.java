package io.procsweep.cleanup;

import static io.procsweep.cleanup.Fixtures.ORPHAN;
import static io.procsweep.cleanup.Fixtures.ZOMBIE;
import static io.procsweep.cleanup.Fixtures.finding;
import static io.procsweep.cleanup.Fixtures.owner;
import static io.procsweep.cleanup.Fixtures.proc;
import static io.procsweep.cleanup.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.ProcessIdentity;
import io.procsweep.cleanup.pidfile.PidfileState;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host {@link SavedPlanFuzzTest} carries plans out on: a hand-built world (SamplePlans'
 * processes, and the ones a hostile plan would aim at: init, procsweep and its shell, a
 * protected sshd, another user's process, a kernel thread), the fresh plan a scan of it makes,
 * a scripted process table, and the oracle that checks every signal the table let through
 * against the {@link Policy}.
 */
final class ScriptedHost {
  static final int THEIR_UID = 999;

  private ScriptedHost() {}

  /** How a process may have changed since the plan was made, identity unchanged. */
  enum Drift { NONE, OWNER, DISK_SLEEP, KERNEL_THREAD }

  /** A drift and the process it hits: the {@code n}-th pid the plan names (modulo). */
  record Change(Drift drift, int n) {
    void applyTo(Table table, Plan plan) {
      List<Integer> pids = plan.actions().stream().flatMap(a -> named(a).stream())
          .map(Target::pid).distinct().sorted().toList();
      if (drift != Drift.NONE && !pids.isEmpty()) {
        table.drift(drift, pids.get(n % pids.size()));
      }
    }
  }

  static final ProcessInfo INIT = proc(1, 0, "systemd");
  static final ProcessInfo SELF = proc(Fixtures.SELF, Fixtures.SHELL, "java");
  static final ProcessInfo SHELL = proc(Fixtures.SHELL, 1, "bash");
  static final ProcessInfo SSHD = proc(5400, 1, "sshd");
  static final ProcessInfo THEIRS = owner(proc(5300, 1, "postgres"), "postgres",
      THEIR_UID);

  /** Every process of the scripted table; the fresh plan is made from this snapshot. */
  static List<ProcessInfo> world() {
    ProcessInfo parent = proc(4100, 4000, "make");
    ProcessInfo zombie = state(proc(4242, 4100, "cc1"), ProcState.ZOMBIE);
    ProcessInfo initZombie = state(proc(4300, 1, "orphan-z"), ProcState.ZOMBIE);
    ProcessInfo evil = owner(proc(5000, 1, "evil\u001b]0;pwned\u0007\n\u202Eexe"), "alice",
        1000);
    ProcessInfo child = proc(5001, 5000, "worker");
    ProcessInfo sshdChild = proc(5002, 5000, "sshd");
    ProcessInfo unknownOwner = owner(proc(5100, 1, "node"), null, null);
    ProcessInfo vite = proc(5200, 1, "vite");
    return List.of(INIT, parent, zombie, initZombie, evil, child, sshdChild, unknownOwner, vite,
        SELF, SHELL, SSHD, THEIRS,
        owner(proc(5301, 5300, "pg-worker"), "postgres", THEIR_UID),
        state(proc(5302, 5300, "defunct"), ProcState.ZOMBIE), // its parent is another user's
        state(proc(5401, 5400, "sshd-session"), ProcState.ZOMBIE), // parent protected
        state(proc(7001, Fixtures.SELF, "jvm-child"), ProcState.ZOMBIE), // parent is procsweep
        Fixtures.kernelThread(2, "kthreadd"));
  }

  private static List<Finding> findings(List<ProcessInfo> world) {
    Map<Integer, ProcessInfo> byPid = world.stream()
        .collect(Collectors.toMap(ProcessInfo::pid, p -> p));
    CleanupSpec terminate = new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.TERMINATE);
    List<Finding> out = new ArrayList<>();
    for (int pid : List.of(4242, 4300, 5302, 5401, 7001)) {
      out.add(finding("zombie", Severity.MEDIUM, byPid.get(pid), ZOMBIE));
    }
    out.add(finding("orphan", Severity.HIGH, byPid.get(5000), ORPHAN));
    out.add(finding("orphan", Severity.LOW, byPid.get(5100), ORPHAN));
    out.add(finding("hung", Severity.LOW, byPid.get(5200), terminate));
    for (int pid : List.of(1, 2, Fixtures.SELF, Fixtures.SHELL, 5300, 5400)) {
      out.add(finding("orphan", Severity.LOW, byPid.get(pid), ORPHAN));
    }
    return out;
  }

  /** The plan a fresh scan of the world makes now, as {@code clean --plan} does. */
  static Plan fresh(Mode mode) {
    StalePidfile stale = new StalePidfile(Path.of("/tmp/run/app.pid"), 31999,
        PidfileState.STALE_DEAD, 1000, "alice");
    StalePidfile theirs = new StalePidfile(Path.of("/tmp/run/root.pid"), null,
        PidfileState.STALE_GARBAGE, 0, "root");
    PlannerContext ctx = new PlannerContext(Fixtures.SELF, Set.of(Fixtures.SHELL, 1), 1000,
        "alice", Set.of(), List.of(stale, theirs), false, "linux", Fixtures.NOW);
    List<ProcessInfo> w = world();
    return new Planner().plan(Fixtures.scan(w, findings(w)), Fixtures.rules(), mode,
        Fixtures.GRACE, ctx);
  }

  /**
   * The fake table, its procs by pid (to wire zombies to parents), and what got through. Its
   * fresh reads give each process its parent from the world (FakeControl alone says ppid 1),
   * so that a frozen kill-tree re-collects real children.
   */
  static final class Table implements ProcessControl, LiveProcesses {
    final FakeControl fake = new FakeControl();
    final Map<Integer, FakeControl.Proc> procs = new HashMap<>();
    final Map<Integer, Integer> parents = new HashMap<>();
    private final Set<Integer> diskSleep = new HashSet<>();
    final List<Sent> sent = new ArrayList<>();
    int attempts;

    /** A signal that got through, with the process as it was right before. */
    record Sent(ProcessInfo before, Signal signal) {}

    Table(List<ProcessInfo> world) {
      for (ProcessInfo p : world) {
        put(Target.of(p), p.kernelThread());
        parents.put(p.pid(), p.ppid());
      }
      for (ProcessInfo p : world) {
        if (p.state() == ProcState.ZOMBIE) {
          wireZombie(p.pid(), p.ppid());
        }
      }
    }

    /** Even pids die on SIGTERM, odd ones only on SIGKILL: both escalation paths are run. */
    void put(Target t, boolean kernelThread) {
      FakeControl.Proc p = fake.add(t);
      p.uid = t.uid();
      p.user = t.user();
      p.zombie = t.state() == ProcState.ZOMBIE;
      p.stopped = t.state() == ProcState.STOPPED;
      p.kernelThread = kernelThread;
      if (t.pid() % 2 == 0) {
        p.diesOn(Signal.TERM, Signal.KILL);
      } else {
        p.diesOn(Signal.KILL);
      }
      procs.put(t.pid(), p);
    }

    /** A parent reaps its zombie on SIGCHLD; when the parent dies, init reaps it. */
    void wireZombie(int zombie, int parent) {
      FakeControl.Proc pp = procs.get(parent);
      if (pp != null) {
        pp.hooks.put(Signal.CHLD, () -> fake.remove(zombie));
        Runnable before = pp.onDeath;
        pp.onDeath = () -> {
          before.run();
          fake.remove(zombie);
        };
      }
    }

    /** Rewrites the table to agree with every process {@code plan} names. */
    void agreeWith(Plan plan) {
      for (Action a : plan.actions()) {
        for (Target t : named(a)) {
          if (!fake.identity(t.pid()).equals(Optional.of(t.identity()))) {
            put(t, false);
          }
        }
      }
    }

    @Override
    public Optional<ProcessInfo> process(int pid) {
      return fake.process(pid).map(this::withParent);
    }

    @Override
    public List<ProcessInfo> all() {
      return fake.all().stream().map(this::withParent).toList();
    }

    /** A process the plan made up has init as parent. */
    private ProcessInfo withParent(ProcessInfo p) {
      ProcState state = diskSleep.contains(p.pid()) ? ProcState.DISK_SLEEP : p.state();
      return new ProcessInfo(p.pid(), parents.getOrDefault(p.pid(), 1), p.name(), p.exe(),
          p.cmdline(), p.user(), p.uid(), state, p.startTimeMs(), p.cpuUserMs(),
          p.cpuKernelMs(), p.rssBytes(), p.threads(), p.pgid(), p.sid(), p.tty(), p.cgroup(),
          p.kernelThread());
    }

    /**
     * Changes what a fresh read says about one process without changing its identity (pid,
     * start time, name), as happens between planning and carrying out: only the executor's
     * last-moment policy check can notice.
     */
    void drift(Drift d, int pid) {
      FakeControl.Proc p = procs.get(pid);
      if (p == null) {
        return;
      }
      switch (d) {
        case OWNER: // setuid to another user
          p.uid = THEIR_UID;
          p.user = "postgres";
          break;
        case DISK_SLEEP:
          diskSleep.add(pid);
          break;
        case KERNEL_THREAD:
          p.kernelThread = true;
          break;
        default:
          break;
      }
    }

    @Override
    public SignalResult signal(ProcessIdentity target, Signal signal) {
      attempts++;
      Optional<ProcessInfo> before = process(target.pid());
      SignalResult r = fake.signal(target, signal);
      if (r == SignalResult.SENT) {
        sent.add(new Sent(before.orElseThrow(), signal));
      }
      return r;
    }

    @Override
    public Optional<ProcessIdentity> identity(int pid) {
      return fake.identity(pid);
    }

    @Override
    public boolean alive(ProcessIdentity target) {
      return fake.alive(target);
    }

    @Override
    public Optional<Integer> currentUid() {
      return fake.currentUid();
    }

    @Override
    public String mechanism() {
      return "fake";
    }
  }

  /** Every process an action names: target, tree, excluded members, zombie's parent. */
  static List<Target> named(Action a) {
    List<Target> out = new ArrayList<>();
    if (a instanceof Keep) {
      out.add(((Keep) a).target());
    } else if (a instanceof Terminate) {
      out.add(((Terminate) a).target());
    } else if (a instanceof KillTree) {
      KillTree k = (KillTree) a;
      out.addAll(k.tree());
      k.excluded().forEach(e -> out.add(e.process()));
    } else if (a instanceof SignalParent) {
      out.add(((SignalParent) a).target());
      out.add(((SignalParent) a).parent());
    } else if (a instanceof TerminateParent) {
      out.add(((TerminateParent) a).target());
      out.add(((TerminateParent) a).parent());
    }
    return out;
  }

  /** The roles in which a plan may have the executor signal each pid. */
  static Map<Integer, Set<Policy.Role>> roles(Plan plan) {
    Map<Integer, Set<Policy.Role>> out = new HashMap<>();
    for (Action a : plan.actions()) {
      if (a instanceof Terminate) {
        // The holders of the target's ports come before it: members of its job, like a
        // kill-tree's, which the policy judges as tree members.
        Terminate t = (Terminate) a;
        for (Target p : t.processes()) {
          role(out, p, p.equals(t.target()) ? Policy.Role.TARGET : Policy.Role.TREE_MEMBER);
        }
      } else if (a instanceof KillTree) {
        KillTree k = (KillTree) a;
        for (Target t : k.tree()) {
          role(out, t, t.equals(k.target()) ? Policy.Role.TARGET : Policy.Role.TREE_MEMBER);
        }
      } else if (a instanceof SignalParent) {
        role(out, ((SignalParent) a).parent(), Policy.Role.ZOMBIE_PARENT);
      } else if (a instanceof TerminateParent) {
        role(out, ((TerminateParent) a).parent(), Policy.Role.ZOMBIE_PARENT);
      }
    }
    return out;
  }

  private static void role(Map<Integer, Set<Policy.Role>> m, Target t, Policy.Role r) {
    m.computeIfAbsent(t.pid(), k -> new HashSet<>()).add(r);
  }

  /** One execution: its outcome and audit lines. */
  record Run(Outcome outcome, MemoryAudit audit) {}

  static Run execute(Plan plan, Table table, Policy policy) {
    MemoryAudit audit = new MemoryAudit();
    FakeClock clock = new FakeClock(Fixtures.NOW);
    Outcome outcome = new Executor(table, table, policy, audit, clock, clock.sleeper())
        .run(plan);
    return new Run(outcome, audit);
  }

  /**
   * The promise, checked on what the table recorded: exit 0 or 4, an intent line before every
   * signal tried, never SIGKILL or SIGSTOP in safe mode, and every signal delivered one the
   * test policy allows on the process as it was, in a role the plan gives it.
   */
  static void verify(String what, Plan plan, Table table, Run run) {
    Policy policy = Fixtures.policy(plan.mode());
    int code = run.outcome().exitCode();
    assertTrue(code == 0 || code == Outcome.INCOMPLETE, what + ": exit code " + code);
    assertEquals(table.attempts, run.audit().intents().size(),
        what + ": every signal tried needs its intent line first");
    Map<Integer, Set<Policy.Role>> roles = roles(plan);
    boolean hasTree = plan.actions().stream().anyMatch(a -> a instanceof KillTree);
    Set<Integer> signalled = new HashSet<>();
    for (Table.Sent s : table.sent) {
      ProcessInfo p = s.before();
      if (s.signal() == Signal.CONT && signalled.contains(p.pid())) {
        // A thaw of what this run itself stopped or TERMed; any other SIGCONT (a plan step
        // may name one) is a signal like the rest, checked below.
        continue;
      }
      if (plan.mode() == Mode.SAFE) {
        assertFalse(s.signal() == Signal.KILL || s.signal() == Signal.STOP,
            what + ": safe mode sent " + s.signal().label() + " to " + p.pid());
      }
      Set<Policy.Role> as = roles.get(p.pid());
      if (as == null) {
        // Only a kill-tree may reach a process the plan does not name (a late child).
        assertTrue(hasTree, what + ": " + s.signal().label() + " to pid " + p.pid()
            + ", which the plan does not name");
        as = Set.of(Policy.Role.TREE_MEMBER);
      }
      List<String> refusals = new ArrayList<>();
      for (Policy.Role r : as) {
        policy.maySignal(p, r, s.signal()).ifPresent(no -> refusals.add(r + ": " + no));
      }
      if (refusals.size() == as.size()) {
        fail(what + ": " + s.signal().label() + " delivered to " + p.pid() + " (" + p.name()
            + ", uid " + p.uid() + ") although the policy refuses it " + refusals);
      }
      signalled.add(p.pid());
    }
  }

}
