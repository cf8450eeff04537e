package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate action's script, taken from action.yml and run the way GitHub runs a bash step
 * ({@code bash --noprofile --norc -eo pipefail}), with the inputs' defaults from the same file
 * and a stand-in procsweep that records its arguments, writes a summary and fails: the summary
 * still reaches $GITHUB_STEP_SUMMARY and the exit code is kept.
 */
@DisabledOnOs(OS.WINDOWS)
class GateActionTest {
  private static final Path ACTION = Path.of(System.getProperty("basedir",
      System.getProperty("user.dir"))).resolve(".github/actions/procsweep-gate/action.yml");

  @TempDir Path dir;

  @Test
  void wrapsACommandWithRunAndKeepsTheSummaryWhenTheGateFails() throws Exception {
    Result r = gate(Map.of("command", "make test; echo $(touch pwned)", "args", "--repo ."), 1);
    assertEquals(1, r.code());
    assertEquals(List.of("run", "--format", "table", "--output", "SUMMARY", "--fail-on-leak",
        "--repo", ".", "--", "bash", "-c", "make test; echo $(touch pwned)"), r.args());
    // run writes a table; the summary shows it as a fenced block.
    assertEquals("````text\n| finding |\n````\n", r.summary());
    assertTrue(r.outputs().contains("exit-code=1"), r.outputs());
    // The command is an argument for procsweep to run, never part of the action's own script.
    assertFalse(Files.exists(dir.resolve("pwned")));
  }

  @Test
  void gatesOnAScanWithoutACommand() throws Exception {
    Result r = gate(Map.of(), 0);
    assertEquals(0, r.code());
    assertEquals(List.of("scan", "--sample", "0", "--fail-on", "high", "--format", "markdown",
        "--output", "SUMMARY"), r.args());
    assertEquals("| finding |\n", r.summary());
    assertTrue(r.outputs().contains("exit-code=0"), r.outputs());
  }

  @Test
  void killLeakedAndNoFailOnLeakAreHonoured() throws Exception {
    Result r = gate(Map.of("command", "true", "fail-on-leak", "false", "kill-leaked", "true"), 0);
    assertEquals(List.of("run", "--format", "table", "--output", "SUMMARY", "--kill-leaked",
        "--", "bash", "-c", "true"), r.args());
  }

  record Result(int code, List<String> args, String summary, String outputs) {}

  private Result gate(Map<String, String> inputs, int stubExit) throws Exception {
    JsonNode action = new ObjectMapper(new YAMLFactory()).readTree(ACTION.toFile());
    JsonNode step = action.get("runs").get("steps").get(0);
    assertEquals("bash", step.get("shell").asText());
    Path script = dir.resolve("step.sh");
    Files.writeString(script, step.get("run").asText());

    Map<String, String> values = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = action.get("inputs").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      values.put(e.getKey(), e.getValue().get("default").asText());
    }
    values.putAll(inputs);

    Path argsFile = dir.resolve("args");
    Path stub = dir.resolve("procsweep");
    Files.writeString(stub, "#!/bin/bash\n"
        + "prev=; for a in \"$@\"; do\n"
        + "  if [ \"$prev\" = --output ]; then echo SUMMARY; printf '| finding |\\n' > \"$a\";"
        + " else printf '%s\\n' \"$a\"; fi; prev=$a\n"
        + "done > '" + argsFile + "'\n"
        + "exit " + stubExit + "\n");
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
    Path summary = Files.createFile(dir.resolve("step-summary.md"));
    Path outputs = Files.createFile(dir.resolve("outputs"));
    Path temp = Files.createDirectory(dir.resolve("runner-temp"));

    ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail",
        script.toString()).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    // The env block of the step: each input under its PS_ name.
    JsonNode stepEnv = step.get("env");
    for (Iterator<Map.Entry<String, JsonNode>> it = stepEnv.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String input = e.getValue().asText().replaceAll("^\\$\\{\\{ inputs\\.(.*) }}$", "$1");
      env.put(e.getKey(), values.get(input));
    }
    env.put("PS_PROCSWEEP", stub.toString());
    env.put("GITHUB_STEP_SUMMARY", summary.toString());
    env.put("GITHUB_OUTPUT", outputs.toString());
    env.put("RUNNER_TEMP", temp.toString());
    env.put("GITHUB_ACTION_PATH", dir.toString());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    try (var left = Files.list(temp)) {
      assertEquals(0, left.count(), "the temporary summary is removed");
    }
    return new Result(p.exitValue(), Files.readAllLines(argsFile),
        Files.readString(summary, StandardCharsets.UTF_8),
        Files.readString(outputs, StandardCharsets.UTF_8));
  }
}
