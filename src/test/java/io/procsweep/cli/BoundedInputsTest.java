package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.platform.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule files are regular files of at most 1 MiB: anything else is exit 2 with one sentence that
 * names the cause, never a hang, an out-of-memory stack trace or the file's content.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
class BoundedInputsTest {
  @TempDir Path dir;

  private static void assertOneSentence(MainTest.Run r, String path, String cause) {
    assertEquals(2, r.code(), r.err());
    assertEquals("procsweep: cannot read rule file '" + path + "': " + cause,
        r.err().strip(), r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
  }

  @Test
  void devZeroIsNotARegularFile() {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
    MainTest.Run r = MainTest.run("rules", "validate", "--no-default-rules", "/dev/zero");
    assertOneSentence(r, "/dev/zero", "not a regular file (char-device)");
    MainTest.Run scan = MainTest.run("scan", "--sample", "0", "--rules", "/dev/zero");
    assertOneSentence(scan, "/dev/zero", "not a regular file (char-device)");
  }

  @Test
  void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
    Assumptions.assumeTrue(Os.current() == Os.LINUX || Os.current() == Os.MACOS, "POSIX");
    Path fifo = dir.resolve("rules.yaml");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
    MainTest.Run r = MainTest.run("rules", "validate", "--no-default-rules", fifo.toString());
    assertOneSentence(r, fifo.toString(), "not a regular file (fifo)");
  }

  @Test
  void aFileOverOneMebibyteIsRefusedWithoutQuotingIt() throws Exception {
    Path big = dir.resolve("big.yaml");
    String secret = "# SECRET-CONTENT-" + "x".repeat(100) + "\n";
    Files.writeString(big, "version: 1\n" + secret.repeat(2 * 1024 * 1024 / secret.length() + 1));
    MainTest.Run r = MainTest.run("rules", "validate", "--no-default-rules", big.toString());
    assertOneSentence(r, big.toString(), "larger than 1 MiB");
    assertFalse(r.err().contains("SECRET"), r.err());
  }

  @Test
  void aFileOfExactlyOneMebibyteIsRead() throws Exception {
    Path edge = dir.resolve("edge.yaml");
    String head = "version: 1\n";
    Files.writeString(edge, head + "#".repeat(1024 * 1024 - head.length() - 1) + "\n");
    MainTest.Run r = MainTest.run("rules", "validate", "--no-default-rules", edge.toString());
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void anUnreadableFileSaysPermissionDenied() throws Exception {
    Assumptions.assumeTrue(Os.current() == Os.LINUX || Os.current() == Os.MACOS, "POSIX");
    Path locked = Files.writeString(dir.resolve("locked.yaml"), "version: 1\n");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    if (!Files.isReadable(locked)) {
      MainTest.Run r = MainTest.run("rules", "validate", "--no-default-rules", locked.toString());
      assertOneSentence(r, locked.toString(), "permission denied");
      return;
    }
    // Root reads any file: ask a second uid, as the real condition needs.
    MainTest.Run r = AsNobody.run("rules", "validate", "--no-default-rules", "LOCKED");
    assertOneSentence(r, "LOCKED", "permission denied");
  }

  /** A folder uid 65534 may reach but not list: the JDK's exception names no reason. */
  @Test
  void anUnreadableFolderSaysPermissionDenied() throws Exception {
    Assumptions.assumeTrue(Os.current() == Os.LINUX, "setpriv");
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "a second uid needs root (the tests run as root)");
    Path outer = Files.createTempDirectory("procsweep-locked");
    Path folder = outer.resolve("rules");
    try {
      Files.setPosixFilePermissions(outer, PosixFilePermissions.fromString("rwx--x--x"));
      Files.createDirectory(folder);
      Files.writeString(folder.resolve("mine.yaml"), "version: 1\n");
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      MainTest.Run r = AsNobody.run("rules", "validate", "--no-default-rules",
          folder.toString());
      assertEquals(2, r.code(), r.err());
      assertEquals("procsweep: cannot read rule folder '" + folder + "': permission denied",
          r.err().strip());
    } finally {
      Files.deleteIfExists(folder.resolve("mine.yaml"));
      Files.deleteIfExists(folder);
      Files.deleteIfExists(outer);
    }
  }

  @Test
  void aMissingFileStillSaysSo() {
    MainTest.Run r = MainTest.run("rules", "validate", "--no-default-rules",
        dir.resolve("nope.yaml").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("does not exist"), r.err());
  }
}
