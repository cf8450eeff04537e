package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.procsweep.facts.FactRegistry;
import io.procsweep.facts.FactValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: load YAML texts, collect diagnostics, build facts from key/value pairs. */
final class RuleTexts {
  private RuleTexts() {}

  /** Where relative pid-file globs of test texts resolve: texts stand for files in a folder. */
  static final Path TEXT_DIR = Path.of("").toAbsolutePath();

  static RuleSet load(String... namesAndTexts) throws RuleLoadException {
    return new RuleLoader(FactRegistry.standard()).load(inputs(namesAndTexts));
  }

  static List<RuleInput> inputs(String... namesAndTexts) {
    List<RuleInput> in = new ArrayList<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      in.add(new RuleInput(namesAndTexts[i], namesAndTexts[i + 1], TEXT_DIR));
    }
    return in;
  }

  /** The diagnostics of a load that must fail. */
  static List<Diagnostic> errors(String... namesAndTexts) {
    return assertThrows(RuleLoadException.class, () -> load(namesAndTexts)).diagnostics();
  }

  /** Headlines only, the form tests compare most. */
  static List<String> headlines(String... namesAndTexts) {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : errors(namesAndTexts)) {
      out.add(d.headline());
    }
    return out;
  }

  /** A one-rule file whose {@code when:} is the given flow mapping. */
  static String ruleWhen(String condition) {
    return "version: 1\nrules:\n  - id: t\n    category: test\n    when: " + condition + "\n";
  }

  /** The compiled {@code when:} of a one-rule file. */
  static Condition when(String condition) throws RuleLoadException {
    return load("t.yaml", ruleWhen(condition)).rules().get(0).when();
  }

  /** Facts from alternating names and values; a Map-backed lambda like the scanner's. */
  static FactValues facts(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m::get;
  }
}
