package io.procsweep.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcStatTest {

  private static ProcStat parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return ProcStat.parse(b, b.length);
  }

  /** A real line from this project's CI machine (a `cat` process), fields up to 52. */
  private static final String CAT = """
      6550 (cat) R 6547 6547 2574 34817 6550 4194304 101 0 0 0 7 3 0 0 20 0 1 0 53022 \
      3133440 378 18446744073709551615 93978565111808 93978565131689 140734487765840 0 0 0 0 \
      0 0 0 0 0 17 0 0 0 0 0 0 93978565147696 93978565149312 93979176550400 140734487767777 \
      140734487767797 140734487767797 140734487769067 0
      """;

  @Test
  void parsesOrdinaryLine() {
    ProcStat s = parse(CAT);
    assertEquals("cat", s.name());
    assertEquals('R', s.state());
    assertEquals(6547, s.ppid());
    assertEquals(6547, s.pgrp());
    assertEquals(2574, s.session());
    assertEquals(34817, s.ttyNr());
    assertEquals(7, s.utimeTicks());
    assertEquals(3, s.stimeTicks());
    assertEquals(1, s.numThreads());
    assertEquals(53022, s.startTicks());
    assertEquals(378, s.rssPages());
    assertFalse(s.kernelThread());
    assertEquals("pts/1", ProcStat.ttyName(s.ttyNr()));
  }

  @Test
  void nameThatLooksLikeFieldsIsReadWhole() {
    // A sleeping process that named itself "x) Z 1 1": split at the first ')' it would read
    // as a zombie child of init.
    ProcStat s = parse("4242 (x) Z 1 1) S 100 4242 100 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0"
        + " 999 1000 50 18446744073709551615 0 0\n");
    assertEquals("x) Z 1 1", s.name());
    assertEquals('S', s.state());
    assertEquals(100, s.ppid());
    assertEquals(4242, s.pgrp());
    assertEquals(999, s.startTicks());
    assertEquals(50, s.rssPages());
  }

  @Test
  void nameWithSpacesParenthesesAndNewline() {
    ProcStat s = parse("7 (a (b)\n c) D 1 7 7 0 -1 0 0 0 0 0 1 2 0 0 20 0 3 0 5 0 0");
    assertEquals("a (b)\n c", s.name());
    assertEquals('D', s.state());
    assertEquals(3, s.numThreads());
    assertEquals(1, s.utimeTicks());
    assertEquals(2, s.stimeTicks());
  }

  @Test
  void emptyAndNonUtf8Names() {
    assertEquals("", parse("9 () S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0").name());
    byte[] b = "9 (a\u00ffb) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("a\\xffb", ProcStat.parse(b, b.length).name());
  }

  @Test
  void kernelThreadFlag() {
    // kthreadd-style flags: PF_KTHREAD | PF_NOFREEZE | PF_FORKNOEXEC.
    ProcStat k = parse("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 1 0 0 20 0 1 0 2 0 0");
    assertTrue(k.kernelThread());
    ProcStat w = parse("40 (kworker/R-blkcg_punt_bio) I 2 0 0 0 -1 69238880 0 0 0 0 0 0 0 0"
        + " 0 -20 1 0 3 0 0");
    assertTrue(w.kernelThread());
    assertEquals('I', w.state());
    assertFalse(parse(CAT).kernelThread());
  }

  @Test
  void negativeFieldsParse() {
    // tpgid -1 and negative nice/priority must not break field counting.
    ProcStat s = parse("5 (rt) S 2 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 -51 -20 1 0 77 0 0");
    assertEquals(77, s.startTicks());
  }

  @Test
  void rejectsGarbage() {
    assertThrows(IllegalArgumentException.class, () -> parse(""));
    assertThrows(IllegalArgumentException.class, () -> parse("12 cat R 1"));
    assertThrows(IllegalArgumentException.class, () -> parse("12 (cat) R 1 2 3"));
    assertThrows(IllegalArgumentException.class, () -> parse("12 (cat)"));
  }

  @Test
  void ttyNames() {
    assertNull(ProcStat.ttyName(0));
    assertEquals("pts/0", ProcStat.ttyName(136 << 8));
    assertEquals("pts/3", ProcStat.ttyName((136 << 8) | 3));
    assertEquals("pts/259", ProcStat.ttyName((137 << 8) | 3));
    // Minor numbers past 255 use bits 20-31 (new_encode_dev).
    assertEquals("pts/300", ProcStat.ttyName((136 << 8) | (300 & 0xff) | ((300 & ~0xff) << 12)));
    assertEquals("tty1", ProcStat.ttyName((4 << 8) | 1));
    assertEquals("ttyS0", ProcStat.ttyName((4 << 8) | 64));
    assertEquals("console", ProcStat.ttyName((5 << 8) | 1));
    assertEquals("?:188,0", ProcStat.ttyName(188 << 8));
  }
}
