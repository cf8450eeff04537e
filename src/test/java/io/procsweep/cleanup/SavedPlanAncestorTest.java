package io.procsweep.cleanup;

import static io.procsweep.cleanup.LiveRun.actionFor;
import static io.procsweep.cleanup.LiveRun.makeSignalling;
import static io.procsweep.cleanup.LiveRun.outcome;
import static io.procsweep.cleanup.LiveRun.procsweepCommand;
import static io.procsweep.cleanup.LiveRun.sentIn;
import static io.procsweep.cleanup.LiveRun.shLine;
import static io.procsweep.cleanup.LiveRun.shQuote;
import static io.procsweep.cleanup.LiveRun.target;
import static io.procsweep.cleanup.LiveRun.writePlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.SystemTools;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan that kills pid 1 or procsweep's own parent. The victim is the test's own shell:
 * it waits while the plan is made and edited, then runs {@code procsweep clean --plan} as its
 * child, so it is procsweep's parent (and, in a private pid namespace, pid 1). The shell traps
 * every catchable signal into a file, and its command line carries a unique marker that a test
 * rule turns into a finding. Passing means: no trap fired, no signal to it in the outcome or
 * the audit log, and the shell ended by itself with procsweep's exit code.
 */
@EnabledOnOs(OS.LINUX)
class SavedPlanAncestorTest {
  private static final List<String> TRAPPED =
      List.of("TERM", "HUP", "INT", "QUIT", "USR1", "USR2", "ALRM");

  @TempDir Path dir;
  private LiveRun run;
  private String marker;

  @BeforeEach
  void setUp() {
    run = new LiveRun(dir);
    marker = "psweep-holder-" + UUID.randomUUID().toString().substring(0, 12);
  }

  @Test
  void pidOneOfAPrivatePidNamespaceIsNeverSignalled() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "skipped: a private pid namespace needs root");
    assumeTrue(unshareWorks(), "skipped: unshare -p -f --mount-proc is not permitted here");
    // --kill-child: if the test gives up, killing unshare takes the whole namespace with it.
    List<String> launch = List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child",
        "sh", holderScript(true).toString(), marker);
    // Planned inside the namespace: pid 1 is a finding there, kept as "init"; the edit turns
    // that keep into a kill-tree.
    Holder h = runHolder(launch, 1, true);
    assertEquals("preserved", h.status, h.outcome.toString());
    assertEquals("init", h.reason, h.outcome.toString());
  }

  @Test
  void procsweepsOwnParentIsNeverSignalled() throws Exception {
    // Planned by a procsweep the test runs, to which the shell is no ancestor: the plan
    // kill-trees the shell as it stands. Carried out by the shell's own child, it must not.
    Holder h = runHolder(List.of("sh", holderScript(false).toString(), marker), -1, false);
    assertTrue(h.status.equals("preserved") || h.status.equals("skipped"), h.outcome.toString());
    assertTrue(List.of("self", "not-a-finding").contains(h.reason), h.outcome.toString());
  }

  /** What became of the shell. */
  private record Holder(JsonNode outcome, String status, String reason) {}

  /**
   * Runs the shell, edits its plan once {@code procsweep plan} has written it, lets it run
   * {@code clean --plan}, and checks the shell was left alone.
   *
   * @param holderPid the shell's pid as procsweep sees it; -1 for the launched process's own
   * @param planInside the shell runs {@code procsweep plan} itself (else the test does, once
   *     the shell runs), and the test turns the shell's {@code none} into a kill-tree
   */
  private Holder runHolder(List<String> launch, int holderPid, boolean planInside)
      throws Exception {
    SystemTools.run("mkfifo", dir.resolve("go.fifo").toString());
    Process p = new ProcessBuilder(launch).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve("holder.out").toFile())
        .redirectError(dir.resolve("holder.err").toFile()).start();
    try {
      int pid = holderPid > 0 ? holderPid : (int) p.pid();
      Path planRc = dir.resolve("plan.rc");
      for (int i = 0; i < 1200 && !Files.exists(planRc) && p.isAlive(); i++) {
        Thread.sleep(100);
      }
      assertTrue(Files.exists(planRc), "procsweep plan did not run: " + read("holder.err"));
      assertEquals("0", read("plan.rc").strip(), read("plan.err"));
      Path plan = dir.resolve("plan.json");
      if (planInside) {
        ObjectNode doc = LiveRun.readPlan(plan);
        ObjectNode a = actionFor(doc, pid);
        assertEquals("none", a.get("action").asText(), doc.toString());
        makeSignalling(a, "kill-tree", 500, "SIGTERM", "SIGTERM", "SIGKILL");
        writePlan(plan, doc);
      } else {
        ObjectNode doc = run.plan(plan, planArgs().toArray(String[]::new));
        assertEquals("kill-tree", actionFor(doc, pid).get("action").asText(), doc.toString());
      }
      go();

      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the shell did not finish");
      String cleanRc = read("clean.rc").strip();
      assertEquals(String.valueOf(p.exitValue()), cleanRc,
          "the shell ended by itself, with procsweep's exit code: " + read("holder.err"));
      assertEquals("0", cleanRc, read("clean.err") + read("clean.out"));
      assertFalse(Files.exists(dir.resolve("holder-signals")),
          "the shell was signalled: " + (Files.exists(dir.resolve("holder-signals"))
              ? read("holder-signals") : ""));

      JsonNode out = outcome(new Cli.Result(0, read("clean.out"), read("clean.err")));
      JsonNode t = target(out, pid);
      assertEquals(List.of(), sentIn(out, pid), out.toString());
      assertEquals(List.of(), run.auditedSignals(pid, "intent"), run.auditText());
      assertEquals(List.of(), run.auditedSignals(pid, "sent"), run.auditText());
      return new Holder(out, t.get("status").asText(), t.get("reason").asText());
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      LiveRun.killByMarker(marker); // a procsweep left behind by a failed run, if any
    }
  }

  /** Lets the shell go on: one line into its FIFO (bounded, in case the shell is gone). */
  private void go() throws Exception {
    SystemTools.run("timeout", "30", "sh", "-c", "echo go > \"$1\"", "sh",
        dir.resolve("go.fifo").toString());
  }

  private String read(String name) throws IOException {
    Path f = dir.resolve(name);
    return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
  }

  /** A rule file that makes every process with the marker on its command line a finding. */
  private Path holderRules() throws IOException {
    return run.file("holder.yaml", "version: 1\nrules:\n"
        + "  - id: holder\n    category: test\n    severity: low\n"
        + "    description: the test's own shell, by the marker on its command line\n"
        + "    when: { cmdline: { contains: '" + marker + "' } }\n"
        + "    cleanup: { safe: terminate, forced: kill-tree }\n");
  }

  /** {@code plan} options (without --output). */
  private List<String> planArgs() throws IOException {
    return List.of("--mode", "forced", "--rules", holderRules().toString(), "--match", marker);
  }

  /**
   * The shell: traps, {@code plan} (or nothing, when the test plans), wait for the test's
   * edit, {@code clean --plan}, exit with its code.
   */
  private Path holderScript(boolean planInside) throws IOException {
    Path rules = holderRules();
    Path plan = dir.resolve("plan.json");
    List<String> planCmd = procsweepCommand("plan", "--sample", "0", "--format", "json",
        "--output", plan.toString());
    planCmd.addAll(planArgs());
    List<String> cleanCmd = procsweepCommand("clean", "--plan", plan.toString(), "--yes",
        "--sample", "0", "--format", "json", "--grace", "1s", "--audit", run.audit().toString(),
        "--rules", rules.toString(), "--match", marker);
    StringBuilder sh = new StringBuilder("d=" + shQuote(dir.toString()) + "\n");
    for (String sig : TRAPPED) {
      sh.append("trap 'echo ").append(sig).append(" >> \"$d/holder-signals\"' ").append(sig)
          .append('\n');
    }
    if (planInside) {
      sh.append(shLine(planCmd)).append(" > \"$d/plan.out\" 2> \"$d/plan.err\"\n")
          .append("echo $? > \"$d/plan.rc\"\n");
    } else {
      sh.append("echo 0 > \"$d/plan.rc\"\n");
    }
    sh
        // Blocks in open(2) without forking: a child caught mid-fork (vfork leaves the shell
        // in D state) would change what the plan sees of the shell.
        .append("read go < \"$d/go.fifo\"\n")
        .append(shLine(cleanCmd)).append(" > \"$d/clean.out\" 2> \"$d/clean.err\"\n")
        .append("rc=$?\n")
        .append("echo $rc > \"$d/clean.rc\"\n")
        .append("exit $rc\n");
    return run.file("holder.sh", sh.toString());
  }

  private static boolean unshareWorks() {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(List.of("unshare", "--pid", "--fork",
          "--mount-proc", "--kill-child", "true"))).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
