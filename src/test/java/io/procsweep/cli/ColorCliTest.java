package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --color} is one option of the root command that every command inherits: given before
 * or after the command name, it decides whether the table's severity cell is colored, whatever
 * stdout is; auto colors only a terminal. On a real orphan listener, so the table has a row.
 */
@EnabledOnOs(OS.LINUX)
class ColorCliTest {
  private static final String RED = "\u001b[31m";

  @TempDir Path dir;

  @Test
  void colorIsOneInheritedOptionAlwaysNeverOrAuto() throws Exception {
    try (Fixture f = Fixture.start("listener", true)) {
      Path rules = dir.resolve("subreaper.yaml");
      Files.writeString(rules, "version: 1\nsubreapers: [psweep-reaper]\n");
      String[] scope = {"--format", "table", "--sample", "0", "--pid",
          Integer.toString(f.pid("holder")), "--rules", rules.toString()};

      Cli.Result after = run(concat(new String[] {"scan", "--color", "always"}, scope));
      assertTrue(after.out().contains(RED + "high\u001b[0m"), after.out());
      Cli.Result before = run(concat(new String[] {"--color", "ALWAYS", "scan"}, scope));
      assertTrue(before.out().contains(RED + "high\u001b[0m"), before.out());

      for (String mode : new String[] {"never", "auto"}) {
        Cli.Result plain = run(concat(new String[] {"scan", "--color", mode}, scope));
        assertTrue(plain.out().contains(" high stale-list"), plain.out());
        assertFalse(plain.out().contains("\u001b"), mode + ": " + plain.out());
      }
    }
    Cli.Result bad = run("scan", "--color", "sometimes", "--sample", "0", "--pid", "1");
    assertEquals(ExitCode.USAGE.code(), bad.code());
    assertTrue(bad.err().contains("--color"), bad.err());
  }

  private Cli.Result run(String... args) throws Exception {
    Cli.Result r = Cli.run(dir, Map.of("TERM", "xterm"), args);
    return r;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
