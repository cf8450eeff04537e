package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
  @Test
  void knownVectors() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        Sha256.hex(new byte[0]));
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        Sha256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            .getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void equalsMessageDigestAtEveryPaddingBoundary() throws Exception {
    Random random = new Random(11);
    // 0..300 covers lengths that leave 0 to 63 bytes in the last block, twice over, and the
    // 55/56 byte edge where the length no longer fits the same block.
    for (int n = 0; n <= 300; n++) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
          Sha256.hex(data), "length " + n);
    }
    byte[] large = new byte[100_000];
    random.nextBytes(large);
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(large)),
        Sha256.hex(large));
  }
}
