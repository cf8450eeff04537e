package io.procsweep.cleanup;

import static io.procsweep.cleanup.LiveRun.alive;
import static io.procsweep.cleanup.LiveRun.awaitGone;
import static io.procsweep.cleanup.LiveRun.outcome;
import static io.procsweep.cleanup.LiveRun.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The blast radius: a plan signalling more processes than --max-targets is refused whole. */
@EnabledOnOs(OS.LINUX)
class MaxTargetsTest {
  @TempDir Path dir;

  @Test
  void aSavedPlanOverTheLimitSignalsNobodyAndRunsOnceTheLimitIsRaised() throws Exception {
    LiveRun run = new LiveRun(dir);
    try (Fixture a = Fixture.start("orphan", true);
        Fixture b = Fixture.start("orphan", true);
        Fixture c = Fixture.start("orphan", true)) {
      List<Integer> orphans = List.of(a.pid("orphan"), b.pid("orphan"), c.pid("orphan"));
      String match = a.marker() + "|" + b.marker() + "|" + c.marker();
      Path rules = run.subreaperRules();
      Path plan = dir.resolve("plan.json");
      run.plan(plan, "--mode", "safe", "--rules", rules.toString(), "--match", match);

      Cli.Result refused = run.clean("--plan", plan.toString(), "--yes", "--grace", "3s",
          "--rules", rules.toString(), "--match", match, "--max-targets", "2");
      assertEquals(2, refused.code(), refused.err() + refused.out());
      assertTrue(refused.err().contains("--max-targets"), refused.err());
      assertTrue(refused.err().contains("3"), "the count is shown: " + refused.err());
      assertEquals(1, refused.err().strip().lines().count(), "one sentence: " + refused.err());
      assertEquals("", refused.out());
      assertEquals(List.of(), run.auditEntries(), run.auditText());
      for (int o : orphans) {
        assertTrue(alive(o), "pid " + o + " signalled by a refused plan");
      }

      // The same refusal for a fresh plan.
      Cli.Result fresh = run.clean("--mode", "safe", "--yes", "--grace", "3s",
          "--rules", rules.toString(), "--match", match, "--max-targets", "2");
      assertEquals(2, fresh.code(), fresh.err() + fresh.out());
      assertEquals(List.of(), run.auditEntries(), run.auditText());

      Cli.Result carried = run.clean("--plan", plan.toString(), "--yes", "--grace", "3s",
          "--rules", rules.toString(), "--match", match, "--max-targets", "3");
      assertEquals(0, carried.code(), carried.err() + carried.out());
      JsonNode out = outcome(carried);
      for (int o : orphans) {
        assertEquals("terminated", target(out, o).get("status").asText(), out.toString());
        awaitGone(o);
      }
      assertFalse(run.auditEntries().isEmpty());
    }
  }
}
