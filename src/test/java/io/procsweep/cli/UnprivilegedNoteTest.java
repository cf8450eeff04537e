package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Run as uid 65534, procsweep cannot read root's processes' fds, cwd or environment: it says so
 * once per run on stderr (not with --quiet), and never when run as root.
 */
@EnabledOnOs(OS.LINUX)
class UnprivilegedNoteTest {
  private static final String NOTE = "procsweep: note: \\d+ reads? of other users' processes"
      + " failed; run as root to see their sockets, cwd and environment \\(listener findings"
      + " may be missing\\)";

  private static List<String> notes(MainTest.Run r) {
    return r.err().lines().filter(l -> l.startsWith("procsweep: note:")).toList();
  }

  @Test
  void anUnprivilegedScanSaysOnceThatRootSeesMore() throws Exception {
    MainTest.Run scan = AsNobody.run("scan", "--sample", "0", "--format", "json");
    assertEquals(0, scan.code(), scan.err());
    List<String> notes = notes(scan);
    assertEquals(1, notes.size(), scan.err());
    assertTrue(notes.get(0).matches(NOTE), notes.get(0));

    MainTest.Run quiet = AsNobody.run("scan", "--sample", "0", "--format", "json", "--quiet");
    assertEquals(0, quiet.code(), quiet.err());
    assertEquals(List.of(), notes(quiet), quiet.err());
  }

  @Test
  void aWatchSaysItOncePerRun() throws Exception {
    MainTest.Run watch = AsNobody.run("watch", "--interval", "0", "--count", "3",
        "--sample", "0", "--events", "/dev/null");
    assertEquals(0, watch.code(), watch.err());
    List<String> lines = watch.err().lines()
        .filter(l -> l.startsWith("procsweep: note:") && l.matches(NOTE)).toList();
    assertEquals(1, lines.size(), watch.err());
  }

  @Test
  void rootIsNotToldToRunAsRoot() {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "the tests run as root (the CI container does)");
    MainTest.Run r = MainTest.run("scan", "--sample", "0", "--format", "json");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("run as root"), r.err());
  }
}
