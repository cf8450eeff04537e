package io.procsweep.cleanup;

import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.ProcessIdentity;
import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;

/**
 * A scripted process table. Each process dies on some signals, may refuse them, may run a hook
 * (a parent that reaps its zombie on SIGCHLD), and keeps a log of what was delivered to it.
 */
final class FakeControl implements ProcessControl, LiveProcesses {

  /** A signal that got through. */
  record Delivered(int pid, Signal signal) {}

  static final class Proc {
    final ProcessIdentity id;
    boolean zombie;
    final Set<Signal> diesOn = EnumSet.noneOf(Signal.class);
    SignalResult refuse; // DENIED, UNREADABLE or ERROR: every signal fails like this
    final Map<Signal, Runnable> hooks = new HashMap<>();
    /** Runs when it dies (a dead parent's zombie is adopted and reaped by init). */
    Runnable onDeath = () -> { };
    /** What a fresh read says besides the identity (owner, state), for the policy. */
    Integer uid = Fixtures.ME;
    String user = "alice";
    boolean stopped;
    boolean kernelThread;
    int ppid = 1;
    /** It needs this many alive() checks after a fatal signal before it is gone. */
    int dyingPolls;
    private boolean dying;
    /**
     * When above 0 it dies into a zombie, reaped (gone from the table) after this many identity
     * reads: a slow init.
     */
    int reapedAfterReads;

    Proc(ProcessIdentity id) {
      this.id = id;
    }

    Proc diesOn(Signal... signals) {
      diesOn.addAll(List.of(signals));
      return this;
    }
  }

  private final Map<Integer, Proc> table = new HashMap<>();
  final List<Delivered> delivered = new ArrayList<>();
  final List<Signal> attempts = new ArrayList<>();

  Proc add(Target t) {
    Proc p = new Proc(t.identity());
    table.put(t.pid(), p);
    return p;
  }

  /** A different process now holds {@code t}'s pid (started later). */
  Proc addReused(Target t) {
    Proc p = new Proc(new ProcessIdentity(t.pid(), t.startTimeMs() + 60_000, t.name()));
    table.put(t.pid(), p);
    return p;
  }

  Proc zombie(Target t) {
    Proc p = add(t);
    p.zombie = true;
    return p;
  }

  void remove(int pid) {
    table.remove(pid);
  }

  boolean exists(int pid) {
    return table.containsKey(pid);
  }

  @Override
  public SignalResult signal(ProcessIdentity target, Signal signal) {
    attempts.add(signal);
    Proc p = table.get(target.pid());
    if (p == null) {
      return SignalResult.GONE;
    }
    if (p.refuse != null) {
      return p.refuse;
    }
    if (!p.id.equals(target)) {
      return SignalResult.CHANGED;
    }
    delivered.add(new Delivered(target.pid(), signal));
    if (signal == Signal.STOP || signal == Signal.CONT) {
      p.stopped = signal == Signal.STOP;
    }
    Runnable hook = p.hooks.get(signal);
    if (hook != null) {
      hook.run();
    }
    if (p.diesOn.contains(signal) && !p.zombie) {
      if (p.dyingPolls > 0) {
        p.dying = true;
      } else {
        die(target.pid(), p);
      }
    }
    return SignalResult.SENT;
  }

  private void die(int pid, Proc p) {
    if (p.reapedAfterReads > 0) {
      p.zombie = true;
    } else {
      table.remove(pid);
    }
    p.onDeath.run();
  }

  /** The listening sockets a fresh read finds. */
  final List<Listener> listeners = new ArrayList<>();

  @Override
  public List<Listener> listeners() {
    List<Listener> out = new ArrayList<>();
    for (Listener l : listeners) {
      if (l.pid() != null && table.containsKey(l.pid()) && !table.get(l.pid()).zombie) {
        out.add(l); // a process that ended holds no socket
      }
    }
    return out;
  }

  @Override
  public Optional<ProcessIdentity> identity(int pid) {
    Proc p = table.get(pid);
    if (p != null && p.zombie && p.reapedAfterReads > 0 && --p.reapedAfterReads == 0) {
      table.remove(pid);
      return Optional.empty();
    }
    return p == null ? Optional.empty() : Optional.of(p.id);
  }

  @Override
  public boolean alive(ProcessIdentity target) {
    Proc p = table.get(target.pid());
    if (p != null && p.dying && --p.dyingPolls <= 0) {
      die(target.pid(), p);
      return false;
    }
    return p != null && p.id.equals(target) && !p.zombie;
  }

  @Override
  public Optional<ProcessInfo> process(int pid) {
    Proc p = table.get(pid);
    if (p == null) {
      return Optional.empty();
    }
    ProcState state = p.zombie ? ProcState.ZOMBIE : p.stopped ? ProcState.STOPPED
        : ProcState.SLEEPING;
    return Optional.of(new ProcessInfo(pid, p.ppid, p.id.name(), null, List.of(p.id.name()), p.user,
        p.uid, state, p.id.startTimeMs(), 0, 0, null, null, null, null, null, null,
        p.kernelThread));
  }

  @Override
  public List<ProcessInfo> all() {
    List<ProcessInfo> out = new ArrayList<>();
    for (int pid : table.keySet()) {
      process(pid).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<Integer> currentUid() {
    return Optional.of(1000);
  }

  @Override
  public String mechanism() {
    return "fake";
  }
}
