package io.procsweep.platform.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.procsweep.platform.Os;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BoundedFilesTest {
  @TempDir Path dir;

  private static String reason(Path p, long max) {
    return assertThrows(FileSystemException.class, () -> BoundedFiles.readRegular(p, max))
        .getReason();
  }

  @Test
  void readsAFileUpToTheCapInclusive() throws Exception {
    Path f = Files.writeString(dir.resolve("plan.json"), "12345");
    assertArrayEquals("12345".getBytes(StandardCharsets.UTF_8), BoundedFiles.readRegular(f, 5));
    assertEquals("larger than 4 bytes", reason(f, 4));
  }

  @Test
  void followsASymlinkTheUserGave() throws Exception {
    Assumptions.assumeTrue(Os.current() != Os.WINDOWS);
    Path real = Files.writeString(dir.resolve("real.yaml"), "version: 1\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), real);
    assertEquals("version: 1\n",
        new String(BoundedFiles.readRegular(link, 100), StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // a hang guard
  void aFifoAndADeviceAreNotRegularFiles() throws Exception {
    Assumptions.assumeTrue(Os.current() == Os.LINUX || Os.current() == Os.MACOS);
    Path fifo = dir.resolve("in.fifo");
    DirHandleTest.mkfifo(fifo);
    assertEquals("not a regular file (fifo)", reason(fifo, 100));
    assertEquals("not a regular file (char-device)", reason(Path.of("/dev/zero"), 100));
  }

  @Test
  void aDirectoryIsNotARegularFile() {
    Assumptions.assumeTrue(Os.current() == Os.LINUX || Os.current() == Os.MACOS);
    assertEquals("not a regular file (directory)", reason(dir, 100));
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    Path p = dir.resolve("nope");
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> BoundedFiles.readRegular(p, 10));
    assertEquals("no such file", e.getReason());
    assertEquals(p.toString(), e.getFile());
  }

  @Test
  void sizesReadLikeTheDocs() {
    assertEquals("1 MiB", BoundedFiles.size(1024 * 1024));
    assertEquals("64 KiB", BoundedFiles.size(64 * 1024));
    assertEquals("1000 bytes", BoundedFiles.size(1000));
  }
}
