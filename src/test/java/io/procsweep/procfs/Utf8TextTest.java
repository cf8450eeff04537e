package io.procsweep.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void asciiIsKept() {
    assertEquals("sleep 30", Utf8Text.decode("sleep 30".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("", Utf8Text.decode(new byte[0]));
  }

  @Test
  void validUtf8IsDecoded() {
    String s = "café € 😀 日本";
    assertEquals(s, Utf8Text.decode(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void eachInvalidByteBecomesLowercaseHexEscape() {
    assertEquals("a\\xffb", Utf8Text.decode(bytes('a', 0xff, 'b')));
    // A lead byte without its continuation: only the lead byte is escaped, '(' survives.
    assertEquals("\\xc3(", Utf8Text.decode(bytes(0xc3, '(')));
    // Truncated three-byte sequence at the end: both bytes escaped.
    assertEquals("x\\xe2\\x82", Utf8Text.decode(bytes('x', 0xe2, 0x82)));
    // Overlong encoding of '/' and an encoded surrogate are not valid UTF-8.
    assertEquals("\\xc0\\xaf", Utf8Text.decode(bytes(0xc0, 0xaf)));
    assertEquals("\\xed\\xa0\\x80", Utf8Text.decode(bytes(0xed, 0xa0, 0x80)));
    // Beyond U+10FFFF.
    assertEquals("\\xf4\\x90\\x80\\x80", Utf8Text.decode(bytes(0xf4, 0x90, 0x80, 0x80)));
    // Lone continuation byte between valid characters.
    assertEquals("é\\x80é", Utf8Text.decode(bytes(0xc3, 0xa9, 0x80, 0xc3, 0xa9)));
  }

  @Test
  void honoursOffsetAndLength() {
    byte[] b = bytes('(', 'a', 0xc3, 0xa9, 0xfe, ')');
    assertEquals("aé\\xfe", Utf8Text.decode(b, 1, 4));
    assertEquals("", Utf8Text.decode(b, 3, 0));
    // A sequence cut by the end of the range is invalid even if the array continues.
    assertEquals("a\\xc3", Utf8Text.decode(b, 1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> Utf8Text.decode(b, 4, 5));
  }

  @Test
  void controlCharactersAreKeptForWritersToEscape() {
    assertEquals("a\nb\tc\u0000", Utf8Text.decode(bytes('a', '\n', 'b', '\t', 'c', 0)));
  }
}
