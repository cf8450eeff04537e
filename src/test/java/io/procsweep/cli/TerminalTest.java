package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.report.Format;
import io.procsweep.report.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTest {
  private static Function<String, String> env(String... pairs) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m::get;
  }

  @Test
  void widthIsTheTerminalsThenColumnsThen80() {
    assertEquals(132, Terminal.columns(OptionalInt.of(132), "200"));
    assertEquals(200, Terminal.columns(OptionalInt.empty(), "200"));
    assertEquals(100, Terminal.columns(OptionalInt.empty(), " 100 "));
    assertEquals(80, Terminal.columns(OptionalInt.empty(), null));
    assertEquals(80, Terminal.columns(OptionalInt.empty(), "wide"));
    assertEquals(80, Terminal.columns(OptionalInt.empty(), ""));
    assertEquals(80, Terminal.columns(OptionalInt.empty(), "0"));
    // A pty nobody sized reports 0 columns: as if it said nothing.
    assertEquals(90, Terminal.columns(OptionalInt.of(0), "90"));
    assertEquals(Terminal.MIN_COLUMNS, Terminal.columns(OptionalInt.empty(), "12"));
    assertEquals(80, Terminal.NONE.columns());
  }

  @Test
  void autoColorsATerminalUnlessNoColorOrADumbTerminal() {
    assertTrue(ColorMode.auto.enabled(true, env("TERM", "xterm-256color")));
    assertTrue(ColorMode.auto.enabled(true, env()));
    assertFalse(ColorMode.auto.enabled(false, env("TERM", "xterm")), "not a terminal");
    assertFalse(ColorMode.auto.enabled(true, env("NO_COLOR", "1")));
    assertFalse(ColorMode.auto.enabled(true, env("NO_COLOR", "0")), "any value but empty");
    assertTrue(ColorMode.auto.enabled(true, env("NO_COLOR", "")), "empty is unset");
    assertFalse(ColorMode.auto.enabled(true, env("TERM", "dumb")));
  }

  @Test
  void alwaysAndNeverAreWhatTheySay() {
    assertTrue(ColorMode.always.enabled(false, env("NO_COLOR", "1", "TERM", "dumb")));
    assertFalse(ColorMode.never.enabled(true, env("TERM", "xterm")));
    Terminal t = new Terminal(true, false, 80, env("TERM", "dumb"));
    assertFalse(t.color(ColorMode.auto));
    assertTrue(t.color(ColorMode.always));
  }

  @Test
  void theFormatFollowsStdoutAloneAndAskingNeedsBoth() {
    Terminal stdinFromDevNull = new Terminal(true, false, 80, env());
    assertEquals(Format.table,
        OutputFormat.choose(Formats.SCAN, null, false, () -> stdinFromDevNull));
    assertFalse(stdinFromDevNull.interactive(), "no one to ask without a terminal on stdin");
    Terminal piped = new Terminal(false, true, 80, env());
    assertEquals(Format.json, OutputFormat.choose(Formats.SCAN, null, false, () -> piped));
    assertEquals(Format.json,
        OutputFormat.choose(Formats.SCAN, null, true, () -> stdinFromDevNull));
    assertTrue(new Terminal(true, true, 80, env()).interactive());
  }

  @Test
  void anExplicitFormatAsksNoTerminal() {
    Supplier<Terminal> unasked = () -> {
      throw new AssertionError("the terminal was detected");
    };
    assertEquals(Format.json, OutputFormat.choose(Formats.SCAN, Format.json, false, unasked));
    assertEquals(Format.table, OutputFormat.choose(Formats.SCAN, Format.table, false, unasked));
  }

  @Test
  void pipesSocketsAndFilesAreNoTerminalWithoutAskingLibc(@TempDir Path dir) throws Exception {
    assertFalse(Terminal.mayBeTerminal(link(dir, "pipe:[4026]")));
    assertFalse(Terminal.mayBeTerminal(link(dir, "socket:[77]")));
    assertFalse(Terminal.mayBeTerminal(link(dir, "/home/me/scan.json")));
    assertFalse(Terminal.mayBeTerminal(link(dir, "/dev/null")));
    assertTrue(Terminal.mayBeTerminal(link(dir, "/dev/pts/3")));
    assertTrue(Terminal.mayBeTerminal(link(dir, "/dev/tty1")));
    assertTrue(Terminal.mayBeTerminal(dir.resolve("missing")), "no link: libc decides");
  }

  private static Path link(Path dir, String target) throws Exception {
    return Files.createSymbolicLink(dir.resolve("fd" + target.hashCode()), Path.of(target));
  }
}
