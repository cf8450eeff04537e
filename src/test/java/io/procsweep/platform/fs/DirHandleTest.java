package io.procsweep.platform.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.platform.Os;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Handle-based file access on real files (Linux and macOS; the Windows fallback is untested). */
class DirHandleTest {
  @TempDir Path tmp;

  @BeforeEach
  void posixOnly() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Os.current() == Os.LINUX || Os.current() == Os.MACOS, "handles are POSIX here");
  }

  static void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor(), "mkfifo");
  }

  @Test
  void opensADirectoryAndListsItSorted() throws IOException {
    Files.writeString(tmp.resolve("b.pid"), "2\n");
    Files.writeString(tmp.resolve("a.pid"), "1\n");
    Files.createDirectory(tmp.resolve("sub"));
    try (DirHandle dir = DirHandle.open(tmp)) {
      assertEquals(List.of("a.pid", "b.pid", "sub"), dir.list());
      assertEquals(List.of("a.pid", "b.pid", "sub"), dir.list(), "a second listing starts over");
      assertEquals(FileType.DIRECTORY, dir.stat().type());
      assertEquals(FileType.DIRECTORY, dir.stat("sub").type());
      FileStat a = dir.stat("a.pid");
      assertEquals(FileType.REGULAR, a.type());
      assertEquals(2, a.size());
      assertEquals(Files.getAttribute(tmp.resolve("a.pid"), "unix:uid"), a.uid());
      assertEquals(Files.getAttribute(tmp.resolve("a.pid"), "unix:ino"), a.ino());
      assertEquals(Files.getLastModifiedTime(tmp.resolve("a.pid")).toMillis(), a.mtimeMs());
    }
  }

  @Test
  void aSymlinkedComponentIsRefused() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("real/run"));
    Files.writeString(real.resolve("x.pid"), "1\n");
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));

    FsException e = assertThrows(FsException.class,
        () -> DirHandle.open(tmp.resolve("link/run")).close());
    assertEquals(FsException.Reason.SYMLINK, e.reason());
    assertEquals(tmp.resolve("link"), e.path());
    assertEquals(tmp.resolve("link") + ": symlink, not followed", e.getMessage());

    try (DirHandle dir = DirHandle.open(tmp)) {
      assertEquals(FileType.SYMLINK, dir.stat("link").type());
      assertEquals(FsException.Reason.SYMLINK,
          assertThrows(FsException.class, () -> dir.openDir("link")).reason());
    }
  }

  @Test
  void aFileInsteadOfADirectoryIsNotADirectory() throws IOException {
    Files.writeString(tmp.resolve("f"), "x");
    FsException e = assertThrows(FsException.class, () -> DirHandle.open(tmp.resolve("f/g")));
    assertEquals(FsException.Reason.NOT_DIRECTORY, e.reason());
    assertEquals(FsException.Reason.NOT_FOUND,
        assertThrows(FsException.class, () -> DirHandle.open(tmp.resolve("none"))).reason());
  }

  @Test
  void theHandleStaysOnItsDirectoryWhenThePathIsSwappedForASymlink() throws IOException {
    Path run = Files.createDirectory(tmp.resolve("run"));
    Path other = Files.createDirectory(tmp.resolve("other"));
    Files.writeString(other.resolve("victim"), "keep");
    try (DirHandle dir = DirHandle.open(run)) {
      Files.move(run, tmp.resolve("run.old"));
      Files.createSymbolicLink(run, other);
      assertEquals(List.of(), dir.list());
      assertEquals(FsException.Reason.NOT_FOUND,
          assertThrows(FsException.class, () -> dir.stat("victim")).reason());
    }
  }

  @Test
  void readsAtMostTheBytesAskedFor() throws IOException {
    Files.writeString(tmp.resolve("f"), "0123456789");
    try (DirHandle dir = DirHandle.open(tmp); OpenFile f = dir.openRead("f")) {
      assertEquals(FileType.REGULAR, f.stat().type());
      assertArrayEquals("0123".getBytes(StandardCharsets.UTF_8), f.read(4));
      assertArrayEquals("456789".getBytes(StandardCharsets.UTF_8), f.read(100));
      assertEquals(0, f.read(100).length);
    }
  }

  @Test
  void aSymlinkIsNotOpenedForReading() throws IOException {
    Files.writeString(tmp.resolve("target"), "1\n");
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("target"));
    try (DirHandle dir = DirHandle.open(tmp)) {
      assertEquals(FsException.Reason.SYMLINK,
          assertThrows(FsException.class, () -> dir.openRead("link")).reason());
      assertEquals(FsException.Reason.SYMLINK,
          assertThrows(FsException.class, () -> dir.openAppend("link")).reason());
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // a hang guard: a blocking open never returns
  void aFifoOpensWithoutBlockingAndSaysItIsAFifo() throws Exception {
    mkfifo(tmp.resolve("p"));
    try (DirHandle dir = DirHandle.open(tmp)) {
      assertEquals(FileType.FIFO, dir.stat("p").type());
      try (OpenFile f = dir.openRead("p")) {
        assertEquals(FileType.FIFO, f.stat().type());
      }
      FsException e = assertThrows(FsException.class, () -> dir.openAppend("p"));
      assertEquals(FsException.Reason.NOT_REGULAR, e.reason());
      // With a reader the open succeeds, and the type check refuses it.
      try (OpenFile reader = dir.openRead("p")) {
        assertEquals(FsException.Reason.NOT_REGULAR,
            assertThrows(FsException.class, () -> dir.openAppend("p")).reason());
      }
    }
  }

  @Test
  void unlinkRefusesWhenTheInodeChanged() throws IOException {
    Path pid = tmp.resolve("a.pid");
    Files.writeString(pid, "1\n");
    try (DirHandle dir = DirHandle.open(tmp)) {
      FileId planned = dir.stat("a.pid").id();
      Files.move(pid, tmp.resolve("a.old"));
      Files.writeString(pid, "2\n");
      assertNotEquals(planned, dir.stat("a.pid").id());

      FsException e = assertThrows(FsException.class, () -> dir.unlink("a.pid", planned));
      assertEquals(FsException.Reason.CHANGED, e.reason());
      assertTrue(Files.exists(pid), "the new file is left alone");

      dir.unlink("a.pid", dir.stat("a.pid").id());
      assertFalse(Files.exists(pid));
      assertTrue(Files.exists(tmp.resolve("a.old")));
    }
  }

  @Test
  void unlinkNeverRemovesADirectory() throws IOException {
    Files.createDirectory(tmp.resolve("d"));
    try (DirHandle dir = DirHandle.open(tmp)) {
      FileId id = dir.stat("d").id();
      assertEquals(FsException.Reason.NOT_REGULAR,
          assertThrows(FsException.class, () -> dir.unlink("d", id)).reason());
    }
    assertTrue(Files.isDirectory(tmp.resolve("d")));
  }

  @Test
  void createsExclusivelyWritesAppendsTruncatesAndRenames() throws IOException {
    try (DirHandle dir = DirHandle.open(tmp)) {
      try (OpenFile f = dir.createExclusive("out.tmp", 0600)) {
        f.write("hello ".getBytes(StandardCharsets.UTF_8));
        f.fsync();
        assertEquals(6, f.size());
      }
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(tmp.resolve("out.tmp"))));
      assertEquals(FsException.Reason.EXISTS,
          assertThrows(FsException.class, () -> dir.createExclusive("out.tmp", 0600)).reason());

      try (OpenFile f = dir.openAppend("out.tmp")) {
        f.write("world".getBytes(StandardCharsets.UTF_8));
        assertEquals(11, f.size());
      }
      dir.rename("out.tmp", "out");
      dir.fsync();
      assertEquals("hello world", Files.readString(tmp.resolve("out")));
      try (OpenFile f = dir.openAppend("out")) {
        f.truncate(5);
        assertEquals(5, f.size());
      }
      assertEquals("hello", Files.readString(tmp.resolve("out")));
    }
  }

  @Test
  void createExclusiveDoesNotWriteThroughASymlink() throws IOException {
    Path target = tmp.resolve("target");
    Files.createSymbolicLink(tmp.resolve("link"), target);
    try (DirHandle dir = DirHandle.open(tmp)) {
      assertEquals(FsException.Reason.EXISTS,
          assertThrows(FsException.class, () -> dir.createExclusive("link", 0644)).reason());
    }
    assertFalse(Files.exists(target));
  }

  @Test
  void mkdirAppliesTheMode() throws IOException {
    try (DirHandle dir = DirHandle.open(tmp)) {
      dir.mkdir("private", 0700);
      try (DirHandle sub = dir.openDir("private")) {
        assertEquals(List.of(), sub.list());
      }
      assertEquals(FsException.Reason.EXISTS,
          assertThrows(FsException.class, () -> dir.mkdir("private", 0700)).reason());
    }
    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("private"))));
  }

  @Test
  void namesAreSingleComponents() throws IOException {
    try (DirHandle dir = DirHandle.open(tmp)) {
      assertThrows(IllegalArgumentException.class, () -> dir.stat("../x"));
      assertThrows(IllegalArgumentException.class, () -> dir.openDir(".."));
      assertThrows(IllegalArgumentException.class, () -> dir.openRead(""));
    }
    assertThrows(IllegalArgumentException.class, () -> DirHandle.open(Path.of("relative")));
  }
}
