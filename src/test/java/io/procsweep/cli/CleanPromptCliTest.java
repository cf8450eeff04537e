package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clean prompt, answered on a real terminal: clean asks only when it has one (stdin and
 * stdout), so util-linux {@code script} runs it on a pseudo-terminal and types the answer.
 * Scoped to the test's own orphan by its marker.
 */
@EnabledOnOs(OS.LINUX)
class CleanPromptCliTest {
  @TempDir Path dir;

  private static boolean alive(int pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String s = Files.readString(stat);
    char state = s.charAt(s.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  private static String quoted(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  @Test
  void decliningThePromptDoesNothingAndExitsZero() throws Exception {
    Assumptions.assumeTrue(new File("/usr/bin/script").canExecute(),
        "util-linux script (Debian package bsdutils) gives clean a terminal");
    Path rules = Files.writeString(dir.resolve("subreaper.yaml"),
        "version: 1\nsubreapers: [psweep-reaper]\n");
    Path audit = dir.resolve("audit.jsonl");
    Path answer = Files.writeString(dir.resolve("answer"), "n\n");
    Path output = dir.resolve("terminal.txt");
    try (Fixture f = Fixture.start("orphan", true)) {
      int orphan = f.pid("orphan");
      List<String> clean = Cli.command("clean", "--mode", "safe", "--sample", "0",
          "--rules", rules.toString(), "--match", f.marker(), "--audit", audit.toString());
      String line = clean.stream().map(CleanPromptCliTest::quoted)
          .collect(Collectors.joining(" "));
      // -e: script exits with procsweep's code; the log file is not wanted.
      Process p = new ProcessBuilder("script", "-qec", line, "/dev/null")
          .redirectInput(answer.toFile()).redirectOutput(output.toFile())
          .redirectErrorStream(true).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("clean under script did not finish");
      }
      String seen = Files.readString(output, StandardCharsets.UTF_8);
      assertTrue(seen.contains("Carry out this plan (signals 1 process(es))? [y/N]"), seen);
      assertTrue(seen.contains("procsweep: nothing was done"), seen);
      assertEquals(0, p.exitValue(), seen);
      assertTrue(alive(orphan), "the declined plan's target is still running");
      assertFalse(Files.exists(audit) && !Files.readString(audit).isEmpty(),
          "nothing was signalled, so nothing was audited");
    }
  }
}
