package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cleanup.Cause;
import io.procsweep.cleanup.CleanupSamples;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.Step;
import io.procsweep.cleanup.Target;
import io.procsweep.cleanup.Terminate;
import io.procsweep.platform.Signal;
import io.procsweep.rules.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

  private static String plan(Plan p) throws IOException {
    StringWriter out = new StringWriter();
    new PlanTable(160).write(p, out);
    return out.toString();
  }

  private static String outcome(Outcome o) throws IOException {
    StringWriter out = new StringWriter();
    new OutcomeTable(160).write(o, out);
    return out.toString();
  }

  @Test
  void planTableEscapesNamesAndSaysWhatWillHappen() throws IOException {
    String text = plan(CleanupSamples.plan(Mode.FORCED));
    assertFalse(text.contains("\u001b"), text);
    assertFalse(text.contains("\u202E"), text);
    assertTrue(text.contains("evil\\e]0;pwned\\x07"), text);
    assertTrue(text.startsWith("Plan (forced, grace 5s) on testhost: 8 actions\n"), text);
    assertTrue(text.contains("kill-tree"), text);
    assertTrue(text.contains("init: pid 1 is init"), text);
    assertTrue(text.contains("/tmp/run/app.pid"), text);
    // Every line is one line: the newline in the name did not split a row.
    assertEquals(10, text.split("\n").length, text);
  }

  @Test
  void emptyPlan() throws IOException {
    Plan empty = new Plan(Mode.SAFE, CleanupSamples.NOW, Duration.ofMillis(1500), "h", "linux",
        List.of());
    assertEquals("Plan (safe, grace 1500ms) on h: 0 actions\n", plan(empty));
  }

  @Test
  void outcomeTableSummarisesAndFlagsIncompleteCleanup() throws IOException {
    Target a = Target.of(CleanupSamples.proc(5000, 1, "uvicorn"));
    Target b = Target.of(CleanupSamples.proc(5001, 1, "vite\u001b[2J"));
    Cause cause = new Cause("orphan", "orphan", Severity.LOW);
    List<Step> steps = List.of(new Step(Signal.TERM, 1000));
    Plan p = new Plan(Mode.SAFE, CleanupSamples.NOW, Duration.ofSeconds(1), "h", "linux", List.of(
        new Terminate(a, cause, steps, null), new Terminate(b, cause, steps, null)));
    // a dies on SIGTERM, b outlives it.
    String text = outcome(CleanupSamples.execute(p, t -> t.equals(a)));
    assertFalse(text.contains("\u001b"), text);
    assertTrue(text.contains("vite\\e[2J"), text);
    assertTrue(text.endsWith("found 2: 1 terminated, 1 survived; 2 signalled; "
        + "cleanup incomplete (exit 4)\n"), text);

    String dry = outcome(CleanupSamples.dryRun(p));
    assertTrue(dry.startsWith("Dry run: nothing was signalled.\n"), dry);
    assertTrue(dry.endsWith("found 2: 2 planned\n"), dry);
  }

  @Test
  void planAndOutcomeTablesFit80ColumnsAndColorOnlyWhenAsked() throws IOException {
    Plan p = CleanupSamples.plan(Mode.FORCED);
    Outcome o = CleanupSamples.dryRun(p);
    for (int width : new int[] {80, 100, 120}) {
      StringWriter planOut = new StringWriter();
      new PlanTable(new TableOptions(width, false)).write(p, planOut);
      StringWriter outcomeOut = new StringWriter();
      new OutcomeTable(new TableOptions(width, false)).write(o, outcomeOut);
      for (String line : (planOut + "" + outcomeOut).split("\n")) {
        assertTrue(TerminalText.width(line) <= width, width + ": " + line);
      }
    }
    StringWriter colored = new StringWriter();
    new PlanTable(new TableOptions(80, true)).write(p, colored);
    // The FINDING cell, colored by the severity of the finding behind the action.
    assertTrue(colored.toString().matches("(?s).*\u001b\\[[0-9;]+m[a-z-]+\u2026? \\((info|low|medium|high|critical)\\)\u001b\\[0m.*"),
        colored.toString());
    StringWriter plain = new StringWriter();
    new PlanTable(new TableOptions(80, false)).write(p, plain);
    assertEquals(plain.toString(), colored.toString().replaceAll("\u001b\\[[0-9;]*m", ""));

    Target a = Target.of(CleanupSamples.proc(5000, 1, "uvicorn"));
    Target b = Target.of(CleanupSamples.proc(5001, 1, "vite"));
    Cause cause = new Cause("orphan", "orphan", Severity.LOW);
    List<Step> steps = List.of(new Step(Signal.TERM, 1000));
    Plan two = new Plan(Mode.SAFE, CleanupSamples.NOW, Duration.ofSeconds(1), "h", "linux",
        List.of(new Terminate(a, cause, steps, null), new Terminate(b, cause, steps, null)));
    StringWriter statuses = new StringWriter();
    new OutcomeTable(new TableOptions(80, true))
        .write(CleanupSamples.execute(two, t -> t.equals(a)), statuses);
    assertTrue(statuses.toString().contains("\u001b[32mterminated\u001b[0m"), statuses.toString());
    assertTrue(statuses.toString().contains("\u001b[31msurvived\u001b[0m"), statuses.toString());
  }
}
