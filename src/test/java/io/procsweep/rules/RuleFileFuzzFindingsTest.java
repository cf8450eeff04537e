package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minimal inputs on which {@link RuleFileFuzzTest} found bugs, kept as plain regression examples
 * now that they are fixed.
 */
class RuleFileFuzzFindingsTest {

  private static int run(StringWriter err, String... args) {
    return Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
  }

  @Test
  void aGlobThatValidatesIsOneThatPlanCanExpand(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("run"));
    Files.writeString(dir.resolve("run/a.pid"), "1\n");
    Path rules = dir.resolve("rules.yaml");
    // Absolute, so the walk reaches run/ whatever directory globs resolve against.
    Files.writeString(rules, "version: 1\nprotect:\n  pidfiles: [\"" + dir + "/run/{a.pid\"]\n"
        + "rules: []\n");
    StringWriter err = new StringWriter();
    int validate = run(err, "rules", "validate", "--no-default-rules", rules.toString());
    String own = String.valueOf(ProcessHandle.current().pid());
    int plan = run(err, "plan", "--mode", "safe", "--sample", "0", "--rules", rules.toString(),
        "--no-default-rules", "--pid", own);
    // Either validate refuses the glob with a location, or plan can use it.
    if (validate == 0) {
      assertEquals(0, plan, err.toString());
    } else {
      assertEquals(2, validate, err.toString());
    }
    assertFalse(err.toString().contains("internal error"), err.toString());
  }

  @Test
  void aGlobWithAnEmptyRangeIsARuleFileError(@TempDir Path dir) throws Exception {
    // [z-a] passed the glob translation but not RE2: validate said ok, plan said internal error.
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "version: 1\npidfiles: [\"run/[z-a].pid\"]\nrules: []\n");
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "rules", "validate", rules.toString()), err.toString());
    assertTrue(err.toString().contains(rules + ":2:"), err.toString());
  }
}
