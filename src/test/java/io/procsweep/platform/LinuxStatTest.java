package io.procsweep.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LinuxStatTest {
  private static final String REST =
      " 1 4242 4242 0 -1 4194560 89 0 0 0 3 1 0 0 20 0 1 0 987654 5623808 201 18446744073709551615"
          + " 1 1 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

  private static LinuxStat parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return LinuxStat.parse(b, b.length);
  }

  @Test
  void readsNameStateAndStartTicks() {
    LinuxStat st = parse("4242 (sleep) S" + REST);
    assertEquals(new LinuxStat("sleep", 'S', 987654), st);
    assertFalse(st.ended());
  }

  @Test
  void nameEndsAtTheLastParen() {
    // A process can call itself "x) Z 1 1": splitting at the first ')' would read a zombie.
    LinuxStat st = parse("77 (x) Z 1 (1) S" + REST);
    assertEquals("x) Z 1 (1", st.name());
    assertEquals('S', st.state());
    assertEquals(987654, st.startTicks());
  }

  @Test
  void zombieAndDeadHaveEnded() {
    assertTrue(parse("9 (defunct) Z" + REST).ended());
    assertTrue(parse("9 (dead) X" + REST).ended());
  }

  @Test
  void invalidUtf8IsEscapedLikeTheSnapshot() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("5 (a\u00e9".getBytes(StandardCharsets.UTF_8));
    out.write(0xff);
    out.writeBytes((") R" + REST).getBytes(StandardCharsets.UTF_8));
    byte[] b = out.toByteArray();
    assertEquals("a\u00e9\\xff", LinuxStat.parse(b, b.length).name());
  }

  @Test
  void rejectsWhatIsNotAStatLine() {
    assertThrows(IllegalArgumentException.class, () -> parse(""));
    assertThrows(IllegalArgumentException.class, () -> parse("12 (cut"));
    assertThrows(IllegalArgumentException.class, () -> parse("12 (short) S 1 2 3\n"));
    assertThrows(IllegalArgumentException.class, () -> parse("12 (bad) S 1 x" + REST));
  }
}
