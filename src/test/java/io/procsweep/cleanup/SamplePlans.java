package io.procsweep.cleanup;

import static io.procsweep.cleanup.Fixtures.ORPHAN;
import static io.procsweep.cleanup.Fixtures.ZOMBIE;
import static io.procsweep.cleanup.Fixtures.finding;
import static io.procsweep.cleanup.Fixtures.proc;
import static io.procsweep.cleanup.Fixtures.state;

import io.procsweep.cleanup.pidfile.PidfileState;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcessInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Plans with every kind of action, made by the real planner. */
final class SamplePlans {
  private SamplePlans() {}

  static Plan of(Mode mode) {
    ProcessInfo parent = proc(4100, 4000, "make");
    ProcessInfo zombie = state(proc(4242, 4100, "cc1"), ProcState.ZOMBIE);
    ProcessInfo sibling = state(proc(4243, 4100, "cc1"), ProcState.ZOMBIE); // same parent
    ProcessInfo initZombie = state(proc(4300, 1, "orphan-z"), ProcState.ZOMBIE);
    // A name that tries to drive the terminal, and a user that could not be read.
    ProcessInfo evil = Fixtures.owner(proc(5000, 1, "evil\u001b]0;pwned\u0007\n\u202Eexe"),
        "alice", 1000);
    ProcessInfo child = proc(5001, 5000, "worker");
    ProcessInfo sshdChild = proc(5002, 5000, "sshd");
    ProcessInfo other = Fixtures.owner(proc(5100, 1, "node"), null, null);
    ProcessInfo term = proc(5200, 1, "vite");
    ProcessInfo holder = proc(5201, 5200, "esbuild"); // holds the port: terminated with vite
    ProcessInfo init = proc(1, 0, "systemd");
    CleanupSpec terminate = new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.TERMINATE);
    StalePidfile stale = new StalePidfile(Path.of("/tmp/run/app.pid"), 31999,
        PidfileState.STALE_DEAD, 1000, "alice");
    StalePidfile theirs = new StalePidfile(Path.of("/tmp/run/root.pid"), null,
        PidfileState.STALE_GARBAGE, 0, "root");
    PlannerContext ctx = new PlannerContext(Fixtures.SELF, Set.of(Fixtures.SHELL), 1000, "alice",
        Set.of(), List.of(stale, theirs), false, "linux", Fixtures.NOW);
    return new Planner().plan(Fixtures.scan(
        List.of(parent, zombie, sibling, initZombie, evil, child, sshdChild, other, term, holder,
            init),
        List.of(finding("zombie", Severity.MEDIUM, zombie, ZOMBIE),
            finding("zombie", Severity.MEDIUM, sibling, ZOMBIE),
            finding("zombie", Severity.MEDIUM, initZombie, ZOMBIE),
            finding("orphan", Severity.HIGH, evil, ORPHAN),
            finding("orphan", Severity.LOW, other, ORPHAN),
            finding("hung", Severity.LOW, term, terminate),
            finding("orphan", Severity.LOW, init, ORPHAN)),
        List.of(new Listener("tcp", "127.0.0.1", 5173, 5201, 4711L))),
        Fixtures.rules(), mode, Fixtures.GRACE, ctx);
  }
}
