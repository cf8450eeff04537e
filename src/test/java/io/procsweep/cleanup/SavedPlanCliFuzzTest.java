package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procsweep.cli.Main;
import io.procsweep.testing.Bounded;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The same mutants as {@link SavedPlanFuzzTest}, through the command line: {@code clean --plan
 * FILE --dry-run}, in-process, ends in exit 0, 2 or 4 with a message, never a stack trace or a
 * hang. The base plans are real ones, made by {@code plan} on this host (so the host and rule
 * sets agree and a mutant can get past them) with SamplePlans' actions put in. Nothing can be
 * signalled: {@code --dry-run}, no {@code --yes} and no terminal, and {@code --pid} scopes the
 * fresh plan to this JVM, which procsweep never plans for. Plan text echoed raw in a message
 * is a known bug ({@link SavedPlanFuzzFindingsTest}) and not checked here.
 */
class SavedPlanCliFuzzTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String OWN_PID = String.valueOf(ProcessHandle.current().pid());
  private static final Map<Mode, String> BASE = new EnumMap<>(Mode.class);
  private static Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    return Bounded.within(BOUND, String.join(" ", args), () -> {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
      return new Run(code, out.toString(), err.toString());
    });
  }

  /** A real plan of this host in {@code mode}, with SamplePlans' actions in place of its own. */
  private static synchronized String base(Mode mode) {
    return BASE.computeIfAbsent(mode, m -> {
      Run r = run("plan", "--mode", m.label(), "--sample", "0", "--pid", OWN_PID, "-f", "json");
      assertTrue(r.code() == 0, r.err());
      try {
        ObjectMapper json = new ObjectMapper();
        ObjectNode real = (ObjectNode) json.readTree(r.out());
        ObjectNode sample = (ObjectNode) json.readTree(PlanMutants.base(m));
        real.set("actions", (ArrayNode) sample.get("actions"));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(real);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static synchronized Path folder() throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory("procsweep-planclifuzz");
    }
    return dir;
  }

  @AfterContainer
  static void removeFolder() throws IOException {
    if (dir != null) {
      for (String f : List.of("plan.json", "audit.jsonl")) {
        Files.deleteIfExists(dir.resolve(f));
      }
      Files.deleteIfExists(dir);
    }
  }

  /** Tree mutants mostly (they get past parsing), text mutants now and then. */
  @Provide
  Arbitrary<Object> mutants() {
    return Arbitraries.frequencyOf(Tuple.of(3, PlanMutants.treeMutants().map(m -> (Object) m)),
        Tuple.of(1, PlanMutants.textMutants().map(m -> (Object) m)));
  }

  @Property(tries = 150)
  void cleanPlanDryRunEndsWithACodeAndAMessage(@ForAll("mutants") Object m) throws IOException {
    byte[] bytes;
    if (m instanceof PlanMutants.TreeMutant) {
      PlanMutants.TreeMutant tree = (PlanMutants.TreeMutant) m;
      bytes = PlanMutants.apply(tree, base(tree.base())).getBytes(StandardCharsets.UTF_8);
    } else {
      PlanMutants.TextMutant text = (PlanMutants.TextMutant) m;
      bytes = PlanMutants.apply(text, base(text.base()));
    }
    Path plan = folder().resolve("plan.json");
    Files.write(plan, bytes);
    Run r = run("clean", "--plan", plan.toString(), "--dry-run", "--sample", "0", "--pid",
        OWN_PID, "--audit", folder().resolve("audit.jsonl").toString(), "-f", "json");
    String what = m + ": exit " + r.code() + "\n" + r.err();
    assertTrue(r.code() == 0 || r.code() == 2 || r.code() == 4, what);
    for (String s : List.of(r.out(), r.err())) {
      assertFalse(s.contains("Exception") || s.contains("\tat ") || s.contains("internal error"),
          what);
    }
    if (r.code() != 0) {
      assertFalse(r.err().isBlank(), what);
    }
    assertFalse(Files.exists(folder().resolve("audit.jsonl")), "a dry run wrote an audit log");
    Statistics.label("exit").collect(r.code());
    Statistics.label("exit").coverage(c -> c.check(0).count(n -> n > 0));
  }
}
