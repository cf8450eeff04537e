package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI workflow and the gate action pass {@code @action-validator/cli} (npm), and the validator
 * does reject the same action with a step broken, so a pass means something. .ci/run installs it
 * and exports ACTION_VALIDATOR; it also runs it itself before the tests.
 */
class WorkflowValidationTest {
  private static final Path BASE =
      Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  private static final Path WORKFLOW = BASE.resolve(".github/workflows/ci.yml");
  private static final Path ACTION = BASE.resolve(".github/actions/procsweep-gate/action.yml");

  private static String validator;

  @TempDir Path dir;

  @BeforeAll
  static void findValidator() {
    validator = System.getenv("ACTION_VALIDATOR");
    Assumptions.assumeTrue(validator != null && Files.isExecutable(Path.of(validator)),
        "action-validator is not installed (.ci/run installs it and sets ACTION_VALIDATOR)");
  }

  @Test
  void workflowAndActionPass() throws Exception {
    assertEquals(0, validate(WORKFLOW), "ci.yml");
    assertEquals(0, validate(ACTION), "action.yml");
  }

  @Test
  void aBrokenActionIsRejected() throws Exception {
    String text = Files.readString(ACTION, StandardCharsets.UTF_8);
    assertTrue(text.contains("      shell: bash\n"), "the gate step names its shell");
    // A composite action's run step without a shell is invalid.
    Path broken = dir.resolve("action.yml");
    Files.writeString(broken, text.replace("      shell: bash\n", ""));
    assertNotEquals(0, validate(broken));
  }

  private static int validate(Path file) throws Exception {
    Process p = new ProcessBuilder(validator, file.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "action-validator finished");
    return p.exitValue();
  }
}
