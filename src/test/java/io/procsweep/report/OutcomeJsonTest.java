package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.cleanup.CleanupSamples;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.Outcome;
import io.procsweep.testing.Schemas;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutcomeJsonTest {

  private static String write(Outcome o) throws IOException {
    StringWriter out = new StringWriter();
    new OutcomeJsonWriter().write(o, out);
    return out.toString();
  }

  /** Runs a sample plan against a table where every process dies on SIGTERM. */
  private static Outcome executed(Mode mode) {
    return CleanupSamples.execute(CleanupSamples.plan(mode), t -> true);
  }

  @Test
  void executedAndDryRunOutcomesMatchTheSchema() throws IOException {
    assertEquals(Set.of(), Schemas.validateSchemaFile(Schemas.OUTCOME));
    for (Mode m : Mode.values()) {
      assertEquals(Set.of(), Schemas.validate(Schemas.OUTCOME, write(executed(m))));
      Outcome dry = CleanupSamples.dryRun(CleanupSamples.plan(m));
      assertEquals(Set.of(), Schemas.validate(Schemas.OUTCOME, write(dry)));
    }
  }

  @Test
  void shape() throws IOException {
    Outcome o = executed(Mode.FORCED);
    JsonNode doc = Schemas.parse(write(o));
    assertEquals("procsweep/outcome/v1", doc.get("schema").asText());
    assertEquals(false, doc.get("dryRun").asBoolean());
    assertEquals("fake", doc.get("mechanism").asText());
    assertEquals(o.targets().size(), doc.at("/counts/found").asInt());
    assertEquals(o.exitCode(), doc.get("exitCode").asInt());
    JsonNode tree = doc.at("/targets/4"); // after init, the two zombies of one parent, 4300
    assertEquals("kill-tree", tree.get("action").asText());
    assertEquals("terminated", tree.get("status").asText());
    // The tree is frozen top-down first: the root gets the first signal, SIGSTOP.
    assertEquals("SIGSTOP", tree.at("/signals/0/signal").asText());
    assertEquals("sent", tree.at("/signals/0/result").asText());
    assertEquals(5000, tree.at("/signals/0/pid").asInt());
    assertEquals(false, doc.get("interrupted").asBoolean());
    assertTrue(tree.at("/signals/0/at").asText().startsWith("2026-11-21T12:00:"));
    assertTrue(doc.at("/targets/0/signals").isEmpty());
  }
}
