package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void namedEscapes() {
    assertEquals("a\\nb", TerminalText.escape("a\nb"));
    assertEquals("a\\rb", TerminalText.escape("a\rb"));
    assertEquals("a\\tb", TerminalText.escape("a\tb"));
    assertEquals("a\\eb", TerminalText.escape("a\u001bb"));
  }

  @Test
  void everyC0ControlAndDel() {
    for (int c = 0; c < 0x20; c++) {
      String expected;
      switch (c) {
        case '\n':
          expected = "\\n";
          break;
        case '\r':
          expected = "\\r";
          break;
        case '\t':
          expected = "\\t";
          break;
        case 0x1b:
          expected = "\\e";
          break;
        default:
          expected = String.format("\\x%02x", c);
      }
      assertEquals(expected, TerminalText.escape(String.valueOf((char) c)), "U+" + c);
    }
    assertEquals("\\x00", TerminalText.escape("\u0000"));
    assertEquals("\\x07", TerminalText.escape("\u0007"));
    assertEquals("\\x1f", TerminalText.escape("\u001f"));
    assertEquals("\\x7f", TerminalText.escape("\u007f"));
  }

  @Test
  void everyC1Control() {
    for (int c = 0x80; c <= 0x9F; c++) {
      assertEquals(String.format("\\u{%04X}", c), TerminalText.escape(String.valueOf((char) c)));
    }
    assertEquals("\\u{009B}", TerminalText.escape("\u009b"));
  }

  @Test
  void bidiAndInvisibleFormattingCharacters() {
    int[][] ranges = {
      {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069}, {0xFEFF, 0xFEFF},
      {0x2028, 0x2029}, {0x2060, 0x2064}, {0x061C, 0x061C}
    };
    for (int[] r : ranges) {
      for (int c = r[0]; c <= r[1]; c++) {
        assertEquals(String.format("\\u{%04X}", c), TerminalText.escape(String.valueOf((char) c)));
      }
    }
    assertEquals("evil\\u{202E}txt.exe", TerminalText.escape("evil\u202Etxt.exe"));
  }

  @Test
  void everythingElseInTheBmpStaysAsIs() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String s = String.valueOf((char) c);
      String escaped = TerminalText.escape(s);
      if (TerminalText.isUnsafe(c)) {
        assertTrue(escaped.startsWith("\\"), "U+" + Integer.toHexString(c));
        for (char e : escaped.toCharArray()) {
          assertTrue(e >= 0x20 && e < 0x7f, "escape is printable ASCII");
        }
      } else {
        assertSame(s, escaped, "U+" + Integer.toHexString(c));
      }
    }
  }

  @Test
  void printableTextIsUnchanged() {
    String text = "python3 -m uvicorn app:main --port=8000 'caf\u00e9' \u4e2d\u6587 \uD83D\uDE00 ~!@#$%^&*()";
    assertSame(text, TerminalText.escape(text));
    assertNull(TerminalText.escape(null));
    assertEquals("", TerminalText.escape(""));
  }

  @Test
  void backslashAndSnapshotByteEscapesStay() {
    assertEquals("a\\b", TerminalText.escape("a\\b"));
    assertEquals("bad\\xffname", TerminalText.escape("bad\\xffname"));
  }

  @Test
  void surrogates() {
    assertEquals("\uD83D\uDE00", TerminalText.escape("\uD83D\uDE00"));
    assertEquals("a\\u{D800}b", TerminalText.escape("a\uD800b"));
    assertEquals("\\u{DC00}", TerminalText.escape("\uDC00"));
    assertEquals("x\\u{D83D}", TerminalText.escape("x\uD83D"));
    // A supplementary character after an escape is kept whole.
    assertEquals("\\n\uD83D\uDE00", TerminalText.escape("\n\uD83D\uDE00"));
  }

  @Test
  void ansiSequencesAreDefused() {
    assertEquals("\\e]0;pwned\\x07", TerminalText.escape("\u001b]0;pwned\u0007"));
    assertEquals("\\e[2J", TerminalText.escape("\u001b[2J"));
    assertEquals("\\e[31mred\\e[0m", TerminalText.escape("\u001b[31mred\u001b[0m"));
    assertEquals("\\u{009B}2J", TerminalText.escape("\u009b2J"));
    String out = TerminalText.escape("x\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\");
    assertFalse(out.contains("\u001b"));
  }

  @Test
  void widthCountsTerminalColumns() {
    assertEquals(5, TerminalText.width("hello"));
    assertEquals(4, TerminalText.width("\u7a0b\u5e8f"), "CJK: two columns each");
    assertEquals(2, TerminalText.width("\uD83D\uDE00"), "an emoji: two");
    assertEquals(1, TerminalText.width("e\u0301"), "a combining accent: none");
    assertEquals(6, TerminalText.width("\uFF21\uFF22\uFF23"), "fullwidth Latin");
    assertEquals("\u7a0b", TerminalText.head("\u7a0b\u5e8fx", 3));
    assertEquals("\u5e8fx", TerminalText.tail("\u7a0b\u5e8fx", 4));
    assertEquals("x", TerminalText.tail("\u7a0b\u5e8fx", 2));
    assertEquals("e\u0301", TerminalText.head("e\u0301f", 1));
  }
}
