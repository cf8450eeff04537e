package io.procsweep.cleanup;

import static io.procsweep.cleanup.Fixtures.SELF;
import static io.procsweep.cleanup.Fixtures.SHELL;
import static io.procsweep.cleanup.Fixtures.kernelThread;
import static io.procsweep.cleanup.Fixtures.owner;
import static io.procsweep.cleanup.Fixtures.proc;
import static io.procsweep.cleanup.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procsweep.cleanup.Policy.Role;
import io.procsweep.platform.Signal;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy's decision table, once, on hand-built processes. The planner, the saved-plan
 * check (through a fresh plan) and the executor (on a fresh read before each signal) all ask
 * this one class, so these rows hold at all three places.
 */
class PolicyTest {
  private static final Predicate<ProcessInfo> ALL = p -> true;
  /** The user's scope in the scoped rows: only command lines with "in-scope". */
  private static final Predicate<ProcessInfo> SCOPED =
      p -> p.commandLine().contains("in-scope");

  private static final ProcessInfo MINE = proc(5000, 1, "uvicorn");
  private static final ProcessInfo THEIRS = owner(proc(5001, 1, "vite"), "bob", 1001);
  private static final ProcessInfo PROTECTED_NAME = proc(5002, 1, "sshd");
  private static final ProcessInfo PROTECTED_CMDLINE = Fixtures.cmdline(proc(5003, 1, "python3"),
      List.of("python3", "worker.py", "--keep-me"));
  private static final ProcessInfo PROTECTED_USER = owner(proc(5004, 1, "backup"), "postgres",
      106);
  private static final ProcessInfo REGISTERED = proc(5005, 1, "celery");
  private static final ProcessInfo IN_D = state(proc(5006, 1, "dd"), ProcState.DISK_SLEEP);
  private static final ProcessInfo SUBREAPER = proc(5007, 1, "tini");
  private static final ProcessInfo IN_SCOPE = Fixtures.cmdline(proc(5008, 1, "make"),
      List.of("make", "in-scope"));

  private static Policy policy(Mode mode, boolean protectIncomplete,
      Predicate<ProcessInfo> scope) {
    PlannerContext c = Fixtures.linux();
    PlannerContext ctx = new PlannerContext(c.selfPid(), c.ancestors(), c.currentUid(),
        c.currentUser(), Set.of(REGISTERED.pid()), List.of(), protectIncomplete, c.platform(),
        c.now());
    return Policy.of(Fixtures.rules(List.of("sshd"), List.of("postgres"), List.of("--keep-me")),
        ctx, mode, scope);
  }

  static Stream<Arguments> table() {
    Mode safe = Mode.SAFE;
    Mode forced = Mode.FORCED;
    return Stream.of(
        // process, role, signal, mode, protect glob unreadable, scope -> refusal (null: allowed)
        row(MINE, Role.TARGET, Signal.TERM, safe, false, ALL, null),
        row(MINE, Role.TARGET, Signal.KILL, safe, false, ALL, KeepReason.NOT_SUPPORTED),
        row(MINE, Role.TREE_MEMBER, Signal.STOP, safe, false, ALL, KeepReason.NOT_SUPPORTED),
        row(MINE, Role.TARGET, Signal.KILL, forced, false, ALL, null),
        row(proc(1, 0, "systemd"), Role.TARGET, Signal.TERM, forced, false, ALL, KeepReason.INIT),
        row(proc(0, 0, "swapper"), Role.TARGET, Signal.TERM, forced, false, ALL,
            KeepReason.INIT),
        row(kernelThread(42, "kworker/0:1"), Role.TREE_MEMBER, Signal.KILL, forced, false, ALL,
            KeepReason.KERNEL_THREAD),
        row(proc(SELF, SHELL, "java"), Role.TARGET, Signal.TERM, forced, false, ALL,
            KeepReason.SELF),
        row(proc(SHELL, 1, "bash"), Role.TREE_MEMBER, Signal.KILL, forced, false, ALL,
            KeepReason.SELF),
        row(REGISTERED, Role.TARGET, Signal.TERM, forced, false, ALL,
            KeepReason.REGISTERED_WORKER),
        row(PROTECTED_NAME, Role.TARGET, Signal.TERM, forced, false, ALL, KeepReason.PROTECTED),
        row(PROTECTED_USER, Role.TARGET, Signal.TERM, forced, false, ALL, KeepReason.PROTECTED),
        row(PROTECTED_CMDLINE, Role.TREE_MEMBER, Signal.TERM, forced, false, ALL,
            KeepReason.PROTECTED),
        row(THEIRS, Role.TARGET, Signal.TERM, safe, false, ALL, KeepReason.OTHER_USER),
        row(THEIRS, Role.TARGET, Signal.TERM, forced, false, ALL, null),
        row(IN_D, Role.TARGET, Signal.KILL, forced, false, ALL, KeepReason.DISK_SLEEP),
        // A protect glob that could not be walked: forced fails closed, safe (own processes,
        // TERM only) goes on.
        row(MINE, Role.TARGET, Signal.TERM, forced, true, ALL, KeepReason.PROTECTION_UNKNOWN),
        row(MINE, Role.TARGET, Signal.TERM, safe, true, ALL, null),
        // Scope: targets and zombies' parents must be in it; kill-tree members belong to
        // their root's job.
        row(MINE, Role.TARGET, Signal.TERM, forced, false, SCOPED, KeepReason.OUT_OF_SCOPE),
        row(IN_SCOPE, Role.TARGET, Signal.TERM, forced, false, SCOPED, null),
        row(MINE, Role.TREE_MEMBER, Signal.TERM, forced, false, SCOPED, null),
        row(MINE, Role.ZOMBIE_PARENT, Signal.TERM, forced, false, SCOPED,
            KeepReason.OUT_OF_SCOPE),
        row(IN_SCOPE, Role.ZOMBIE_PARENT, Signal.TERM, forced, false, SCOPED, null),
        // Zombies' parents.
        row(proc(1, 0, "systemd"), Role.ZOMBIE_PARENT, Signal.CHLD, safe, false, ALL,
            KeepReason.INIT_PARENT),
        row(SUBREAPER, Role.ZOMBIE_PARENT, Signal.TERM, forced, false, ALL,
            KeepReason.SUBREAPER_PARENT),
        row(proc(SHELL, 1, "bash"), Role.ZOMBIE_PARENT, Signal.CHLD, safe, false, ALL,
            KeepReason.PROTECTED_PARENT),
        row(PROTECTED_NAME, Role.ZOMBIE_PARENT, Signal.TERM, forced, false, ALL,
            KeepReason.PROTECTED_PARENT),
        row(THEIRS, Role.ZOMBIE_PARENT, Signal.CHLD, safe, false, ALL, KeepReason.OTHER_USER),
        row(MINE, Role.ZOMBIE_PARENT, Signal.CHLD, safe, false, ALL, null),
        row(MINE, Role.ZOMBIE_PARENT, Signal.KILL, safe, false, ALL, KeepReason.NOT_SUPPORTED));
  }

  private static Arguments row(ProcessInfo p, Role role, Signal s, Mode mode,
      boolean protectIncomplete, Predicate<ProcessInfo> scope, KeepReason expected) {
    return Arguments.of(p.name() + "/" + p.pid(), p, role, s, mode, protectIncomplete, scope,
        expected);
  }

  @ParameterizedTest(name = "{0} as {2}, {3} in {4} mode -> {7}")
  @MethodSource("table")
  void decides(String label, ProcessInfo p, Role role, Signal s, Mode mode,
      boolean protectIncomplete, Predicate<ProcessInfo> scope, KeepReason expected) {
    Optional<Policy.Refusal> r = policy(mode, protectIncomplete, scope).maySignal(p, role, s);
    assertEquals(Optional.ofNullable(expected), r.map(Policy.Refusal::reason),
        r.map(Policy.Refusal::detail).orElse("allowed"));
  }
}
