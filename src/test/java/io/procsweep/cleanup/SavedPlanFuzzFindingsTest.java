package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procsweep.cli.Main;
import io.procsweep.platform.Signal;
import io.procsweep.rules.Severity;
import io.procsweep.testing.Bounded;
import io.procsweep.report.PlanJsonWriter;
import io.procsweep.report.TerminalText;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.procsweep.snapshot.ProcessInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minimal inputs on which {@link SavedPlanFuzzTest} found bugs (and one found while writing its
 * oracle), kept as plain regression examples now that they are fixed.
 */
class SavedPlanFuzzFindingsTest {

  /** The sample safe plan as written, then edited as a tree. */
  private static String safePlan(java.util.function.Consumer<ObjectNode> edit) throws Exception {
    StringWriter out = new StringWriter();
    new PlanJsonWriter().write(SamplePlans.of(Mode.SAFE), out);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(out.toString());
    edit.accept(root);
    return json.writeValueAsString(root);
  }

  /** Every line of {@code err} as a terminal would need it: nothing left to escape. */
  private static void assertNothingToEscape(String err) {
    for (String line : err.split("\n", -1)) {
      assertEquals(TerminalText.escape(line), line, "raw control characters in: " + err);
    }
  }

  @Test
  void aPlansHostIsEscapedInTheRefusal(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    Files.writeString(plan, safePlan(p -> p.put("host", "testhost\u001b]0;pwned\u0007\nline 2")));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // Refused before anything could be signalled: the host is not this one (and --dry-run).
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "clean",
        "--plan", plan.toString(), "--dry-run", "--audit", dir.resolve("audit.jsonl").toString());
    assertEquals(2, code, err.toString());
    assertNothingToEscape(err.toString());
  }

  @Test
  void anUnknownActionIsQuotedEscaped(@TempDir Path dir) throws Exception {
    // The reader quotes the file's text as it is; the one place errors are printed escapes it.
    Path plan = dir.resolve("plan.json");
    Files.writeString(plan, safePlan(p -> ((ObjectNode) p.get("actions").get(0)).put("action",
        "x\n\u001b[2J")));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "clean",
        "--plan", plan.toString(), "--dry-run", "--audit", dir.resolve("audit.jsonl").toString());
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("unknown action"), err.toString());
    assertNothingToEscape(err.toString());
  }

  @Test
  void aHugeWaitCannotBePlanned() throws Exception {
    // Found as a hang: a waitMs near Long.MAX_VALUE overflowed the poller's deadline. No step
    // may wait more than an hour now, and a plan file asking for more is refused.
    assertThrows(IllegalArgumentException.class, () -> new Step(Signal.TERM, Long.MAX_VALUE));
    String json = safePlan(p -> ((ObjectNode) p.get("actions").get(1).get("steps").get(0))
        .put("waitMs", Long.MAX_VALUE));
    PlanFormatException e = assertThrows(PlanFormatException.class,
        () -> new PlanJsonReader().read(new StringReader(json), "plan.json"));
    assertTrue(e.getMessage().contains("one hour"), e.getMessage());
  }

  /**
   * Found while reading the executor for the properties' oracle (the fake table gives every
   * process ppid 1, so the properties cannot build this tree): a kill-tree member whose pid now
   * names another process is skipped as changed, but TreeFreezer still collects that pid's
   * children as late members, so the children of an unrelated process (here a user's shell
   * under sshd) are stopped and killed.
   */
  @Test
  void childrenOfAReusedMemberPidAreNotSwept() {
    ProcessInfo root = Fixtures.proc(5000, 1, "evil");
    ProcessInfo member = Fixtures.proc(5001, 5000, "worker");
    KillTree tree = new KillTree(Target.of(root), new Cause("orphan", "orphan", Severity.HIGH),
        List.of(new Step(Signal.TERM, 1000), new Step(Signal.KILL, 1000)),
        List.of(Target.of(member), Target.of(root)), List.of(), null);
    Plan plan = new Plan(Mode.FORCED, Fixtures.NOW, Fixtures.GRACE, "testhost", "linux",
        List.of(tree));
    FakeControl control = new FakeControl();
    control.add(Target.of(root)).diesOn(Signal.TERM);
    // The member ended and its pid was reused by sshd, which has a user's shell as child.
    ProcessInfo reused = Fixtures.startedAt(Fixtures.proc(5001, 1, "sshd"),
        member.startTimeMs() + 60_000);
    ProcessInfo shell = Fixtures.proc(6000, 5001, "bash");
    control.add(Target.of(reused));
    control.add(Target.of(shell)).diesOn(Signal.TERM);
    Map<Integer, Integer> ppid = Map.of(5000, 1, 5001, 1, 6000, 5001);
    LiveProcesses live = new LiveProcesses() {
      @Override
      public Optional<ProcessInfo> process(int pid) {
        return control.process(pid).map(p -> withParent(p, ppid.getOrDefault(pid, 1)));
      }

      @Override
      public List<ProcessInfo> all() {
        return control.all().stream().map(p -> withParent(p, ppid.getOrDefault(p.pid(), 1)))
            .toList();
      }
    };
    FakeClock clock = new FakeClock(Fixtures.NOW);
    new Executor(control, live, Fixtures.policy(Mode.FORCED), new MemoryAudit(), clock,
        clock.sleeper()).run(plan);
    assertEquals(List.of(), control.delivered.stream().filter(d -> d.pid() == 6000).toList(),
        "signals to the child of the process that reused a member's pid");
  }

  private static ProcessInfo withParent(ProcessInfo p, int ppid) {
    return new ProcessInfo(p.pid(), ppid, p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        p.state(), p.startTimeMs(), p.cpuUserMs(), p.cpuKernelMs(), p.rssBytes(), p.threads(),
        p.pgid(), p.sid(), p.tty(), p.cgroup(), p.kernelThread());
  }
}
