package io.procsweep.testing;

import io.procsweep.facts.FactRegistry;
import io.procsweep.rules.RuleInput;
import io.procsweep.rules.RuleLoadException;
import io.procsweep.rules.RuleLoader;
import io.procsweep.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the shipped rule files from the working tree, plus extra YAML layered after them. */
public final class TestRules {
  private TestRules() {}

  public static RuleSet shippedPlus(String... extraYaml) throws RuleLoadException {
    List<RuleInput> inputs = new ArrayList<>();
    for (String name : List.of("rules/default.yaml", "rules/dev-servers.yaml")) {
      try {
        inputs.add(new RuleInput(name, Files.readString(Path.of(name), StandardCharsets.UTF_8),
            Path.of(name).toAbsolutePath().getParent()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    int i = 0;
    for (String y : extraYaml) {
      inputs.add(new RuleInput("test-extra-" + (i++) + ".yaml", y, Path.of("").toAbsolutePath()));
    }
    return new RuleLoader(FactRegistry.standard()).load(inputs);
  }
}
