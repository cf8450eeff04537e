package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, acceptance 2: on a terminal 80 columns wide, a real orphan holding a listening port
 * is one row that fits, with its port under PORTS, and the last line names the next step for
 * its pid. The terminal is a tmux pane (a real pty); procsweep runs in it as its own process,
 * scoped to the orphan's pid. {@code COLUMNS=200} is exported on purpose: the width must come
 * from the terminal itself (TIOCGWINSZ), not the environment. The fixture and the tmux server
 * (this test's own socket) are killed in close, whatever happens.
 */
@EnabledOnOs(OS.LINUX)
class TableInTmuxTest {
  @TempDir Path dir;

  @Test
  void anOrphanHoldingAPortIsOneRowThatFits80ColumnsWithItsPortsAndTheNextStep()
      throws Exception {
    assumeTrue(Tmux.available(), "tmux missing (apt-get install tmux; .ci/run installs it)");
    try (Fixture f = Fixture.start("listener", true); Tmux tmux = new Tmux()) {
      int holder = f.pid("holder");
      String port = f.value("port");
      Path rules = dir.resolve("subreaper.yaml");
      // The fixture's subreaper adopts the orphan as init would.
      Files.writeString(rules, "version: 1\nsubreapers: [psweep-reaper]\n");
      String scan = Tmux.quote(Cli.command("scan", "--sample", "0", "--pid",
          Integer.toString(holder), "--rules", rules.toString()));

      Tmux.Screen screen = tmux.run(dir, 80, "COLUMNS=200 NO_COLOR= TERM=xterm " + scan);
      assertEquals(0, screen.exitCode(), String.join("\n", screen.lines()));
      List<String> lines = screen.lines();
      String all = String.join("\n", lines);
      for (String line : lines) {
        assertTrue(line.length() <= 80, "a line wider than the terminal:\n" + all);
      }
      List<String> rows = lines.stream()
          .filter(l -> l.matches(" *" + holder + " +" + f.reaperPid() + " .*")).toList();
      assertEquals(1, rows.size(), "one row for the orphan:\n" + all);
      String header = lines.stream().filter(l -> l.trim().startsWith("PID")).findFirst()
          .orElseThrow(() -> new AssertionError("no header:\n" + all));
      assertTrue(header.matches(" *PID +PPID +USER +AGE +PORTS +SEV +FINDING +COMMAND"), header);
      String[] cells = rows.get(0).trim().split(" +");
      assertEquals(port, cells[4], "PORTS column of " + rows.get(0));
      assertEquals("high", cells[5], rows.get(0));
      assertTrue(cells[6].startsWith("stale-list"), rows.get(0)); // cut to fit, maybe
      String last = lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElseThrow();
      assertEquals("next: procsweep explain " + holder + " \u00b7 procsweep plan --pid " + holder,
          last.stripTrailing(), all);
    }
  }

  @Test
  void theFormatFollowsStdoutOnlyATerminalGetsTheTableEvenWithStdinFromDevNull()
      throws Exception {
    assumeTrue(Tmux.available(), "tmux missing (apt-get install tmux; .ci/run installs it)");
    String scan = Tmux.quote(Cli.command("scan", "--sample", "0", "--pid", "1"));
    try (Tmux tmux = new Tmux()) {
      Tmux.Screen screen = tmux.run(dir, 80, scan + " < /dev/null");
      assertEquals(0, screen.exitCode(), String.join("\n", screen.lines()));
      String first = screen.lines().stream().filter(l -> !l.isBlank()).findFirst().orElseThrow();
      assertTrue(first.startsWith("No findings in") || first.trim().startsWith("PID"),
          "a table, not JSON:\n" + String.join("\n", screen.lines()));
    }
    // Stdout a file, stdin /dev/null (Cli.run): JSON.
    Cli.Result piped = Cli.run(dir, "scan", "--sample", "0", "--pid", "1");
    assertEquals(0, piped.code(), piped.err());
    assertTrue(piped.out().startsWith("{"), piped.out());
  }
}
