package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandCutTest {
  private static String cut(String line, int width) {
    String out = CommandCut.INSTANCE.cut(line, width);
    assertTrue(TextTable.length(out) <= width, width + ": " + out);
    return out;
  }

  @Test
  void whatFitsStaysWhole() {
    assertEquals("/usr/bin/python3 -m http.server 8000",
        cut("/usr/bin/python3 -m http.server 8000", 36));
  }

  @Test
  void theProgramsDirectoryGoesFirst() {
    assertEquals("python3 -m http.server 8000", cut("/usr/bin/python3 -m http.server 8000", 35));
    assertEquals("python3 -c import os", cut("/usr/bin/python3 -c import os", 25));
  }

  @Test
  void thenTheScriptsThenEveryPaths() {
    String vite = "node /home/u/app/node_modules/.bin/vite --port 5173";
    assertEquals("node vite --port 5173", cut(vite, 30));
    String config = "node /home/u/app/node_modules/.bin/vite --port 5173 --config"
        + " /home/u/app/vite.config.ts";
    assertEquals("node vite --port 5173 --config vite.config.ts", cut(config, 50));
    // A class path, an --opt=/path and a kernel thread's [name] are no plain paths.
    assertEquals("java …b:/c/d Main --x", cut("/usr/bin/java -cp /a/b:/c/d Main --x", 21));
    assertEquals("[kworker/0:1]", CommandCut.baseName("[kworker/0:1]"));
    assertEquals("--out=/tmp/x", CommandCut.baseName("--out=/tmp/x"));
    assertEquals("dir/", CommandCut.baseName("dir/"));
  }

  @Test
  void thenTheMiddleKeepingTheProgramAndTheTail() {
    assertEquals("uvicorn … --reload --port 8000",
        cut("uvicorn app:app --host 0.0.0.0 --reload --port 8000", 30));
    assertEquals("python3 …http.server 8000", cut("python3 -m http.server 8000", 25));
    // A program longer than half the width keeps a third of it in front.
    assertEquals("a-ver\u2026 --port 8000", cut("a-very-long-program-name-indeed --port 8000", 18));
    assertEquals("\u2026", cut("abcdef", 1));
    assertEquals("", cut("abcdef", 0));
  }

  @Test
  void cellsAreCutAfterEscapingSoNothingRawComesBack() {
    String escaped = TerminalText.escape("/bin/sh -c printf '\u001b[2J' \u202e; sleep 9");
    String out = cut(escaped, 24);
    assertTrue(out.chars().noneMatch(c -> c == 0x1b || c == 0x202e), out);
    assertTrue(out.startsWith("sh "), out);
    assertTrue(out.endsWith("; sleep 9"), out);
  }
}
