package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OsReleaseTest {

  @Test
  void osReleasePrettyName() {
    assertEquals("Debian GNU/Linux 12 (bookworm)", OsRelease.parsePrettyName("""
        NAME="Debian GNU/Linux"
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        VERSION_ID="12"
        """));
    assertEquals("Alpine Linux v3.19", OsRelease.parsePrettyName(
        "PRETTY_NAME='Alpine Linux v3.19'\n"));
    assertEquals("Say \"hi\"", OsRelease.parsePrettyName("PRETTY_NAME=\"Say \\\"hi\\\"\"\n"));
    assertNull(OsRelease.parsePrettyName("NAME=x\n"));
  }
}
