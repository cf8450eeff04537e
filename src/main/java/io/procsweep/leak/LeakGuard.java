package io.procsweep.leak;

import io.procsweep.platform.ChildReaper;
import io.procsweep.platform.Os;
import io.procsweep.procfs.ProcChildren;
import io.procsweep.procfs.ProcEnviron;
import io.procsweep.procfs.ProcReader;
import io.procsweep.scan.Sleeper;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.SnapshotSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The {@code procsweep run} stage, usable without the CLI: (1) become a subreaper and note what
 * already runs, (2) run the command with inherited stdio and a fresh {@link RunId}, reaping the
 * zombies it leaves to procsweep, (3) sweep until a pass finds nothing new. Ending what it
 * finds is the caller's choice ({@link #sweepAgain} finds what appeared meanwhile).
 */
public final class LeakGuard {
  /** Sweep passes after the grace period, at most; each must find something new to continue. */
  static final int MAX_PASSES = 20;
  static final Duration PASS_INTERVAL = Duration.ofMillis(100);

  private final SnapshotSource source;
  private final ChildReaper reaper;
  private final IntFunction<Optional<String>> marker;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ProcReader reader = new ProcReader();

  private Sweep sweep;
  private long commandPid = -1;

  public LeakGuard(SnapshotSource source, ChildReaper reaper,
      IntFunction<Optional<String>> marker, Clock clock, Sleeper sleeper) {
    this.source = source;
    this.reaper = reaper;
    this.marker = marker;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * The marker as {@code /proc/PID/environ} holds it (Linux); empty elsewhere, where adoption
   * cannot be seen either and only the process tree is left (not done yet).
   */
  public static IntFunction<Optional<String>> procEnvironMarker() {
    if (Os.current() != Os.LINUX) {
      return pid -> Optional.empty();
    }
    ProcReader r = new ProcReader();
    return pid -> {
      try {
        return ProcEnviron.read(r, pid, RunId.VARIABLE);
      } catch (IOException e) {
        return Optional.empty(); // gone, or not ours to read: not marked as far as we can tell
      }
    };
  }

  /** What a run found. */
  public record Result(RunId runId, List<String> command, int exitCode, boolean subreaper,
      int passes, List<Leak> leaks, Instant startedAt, Instant finishedAt) {
    public Result {
      command = List.copyOf(command);
      leaks = List.copyOf(leaks);
    }
  }

  /**
   * Runs {@code command} to its end, then sweeps.
   *
   * @param grace how long what the command left may take to exit by itself; processes still
   *     alive after it are leaked (and ones started during it are seen)
   * @param forward installs signal forwarding to the started command; closed when it exits
   * @throws IOException the command could not be started
   */
  public Result run(List<String> command, Duration grace, Forwarding forward)
      throws IOException, InterruptedException, SnapshotException {
    Instant started = clock.instant();
    boolean subreaper = reaper.becomeSubreaper();
    ProcessHandle self = ProcessHandle.current();
    Set<Integer> ancestors = new HashSet<>();
    for (var p = self.parent(); p.isPresent(); p = p.get().parent()) {
      ancestors.add((int) p.get().pid());
    }
    Set<ProcessKey> before = source.read(false).processes().stream().map(ProcessInfo::key)
        .collect(Collectors.toSet());
    RunId id = RunId.random();
    sweep = new Sweep(before, (int) self.pid(), ancestors, id);

    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().put(RunId.VARIABLE, id.value());
    Process process = pb.start();
    commandPid = process.pid();
    try (AutoCloseable f = forward.install(process)) {
      while (!process.waitFor(PASS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
        reapAdopted();
      }
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    int exit = process.exitValue();

    Sweeping s = sweepUntilStill(grace);
    return new Result(id, command, exit, subreaper, s.passes, s.leaks, started, clock.instant());
  }

  /**
   * Sweeps again, after the caller ended the earlier leaks: what is alive now (spawned while
   * they were being ended, or surviving them). Call only after {@link #run}.
   */
  public List<Leak> sweepAgain() throws SnapshotException, InterruptedException {
    return sweepUntilStill(Duration.ZERO).leaks;
  }

  private record Sweeping(int passes, List<Leak> leaks) {}

  private Sweeping sweepUntilStill(Duration grace)
      throws SnapshotException, InterruptedException {
    if (sweep == null) {
      throw new IllegalStateException("run first");
    }
    int passes = 0;
    // During the grace period: wait for what the command left to end by itself; a pass that
    // finds nothing alive ends it early (nothing left that could still spawn anything).
    Instant deadline = clock.instant().plus(grace);
    List<Leak> last = pass();
    passes++;
    while (!last.isEmpty() && clock.instant().isBefore(deadline)) {
      sleeper.sleep(PASS_INTERVAL);
      last = pass();
      passes++;
    }
    // Then until a pass finds no pid the previous one did not: a leak that forks while we
    // look is seen in the next pass.
    while (!last.isEmpty() && passes < MAX_PASSES + 1) {
      sleeper.sleep(PASS_INTERVAL);
      List<Leak> next = pass();
      passes++;
      Set<Integer> seen = last.stream().map(Leak::pid).collect(Collectors.toSet());
      boolean fresh = next.stream().anyMatch(l -> !seen.contains(l.pid()));
      last = next;
      if (!fresh) {
        break;
      }
    }
    return new Sweeping(passes, withPorts(last));
  }

  private List<Leak> pass() throws SnapshotException {
    reapAdopted();
    return sweep.leaked(source.read(false), marker);
  }

  /** The ports each leak listens on, from one more read with sockets (only when there are leaks). */
  private List<Leak> withPorts(List<Leak> leaks) throws SnapshotException {
    if (leaks.isEmpty()) {
      return leaks;
    }
    Snapshot s = source.read(true);
    Map<Integer, List<Listener>> byPid = new LinkedHashMap<>();
    for (Listener l : s.listeners()) {
      if (l.pid() != null) {
        byPid.computeIfAbsent(l.pid(), k -> new ArrayList<>()).add(l);
      }
    }
    Set<ProcessKey> alive = s.processes().stream().map(ProcessInfo::key)
        .collect(Collectors.toSet());
    List<Leak> out = new ArrayList<>();
    for (Leak l : leaks) {
      if (alive.contains(l.process().key())) {
        out.add(l.withListening(byPid.getOrDefault(l.pid(), List.of()), l.round()));
      }
    }
    return out;
  }

  /**
   * Collects the exit status of every adopted child that has exited, one pid at a time: never
   * the command's own (the JDK's reaper owns it) and never a wait for any child.
   */
  private void reapAdopted() {
    for (int pid : ProcChildren.ofSelf(reader)) {
      if (pid != commandPid) {
        reaper.reapIfExited(pid);
      }
    }
  }

  /** Installs signal forwarding to the started command; the returned handle removes it. */
  @FunctionalInterface
  public interface Forwarding {
    AutoCloseable install(Process command);

    Forwarding NONE = p -> () -> {};
  }
}
