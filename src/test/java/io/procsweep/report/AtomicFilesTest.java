package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.platform.Os;
import io.procsweep.platform.fs.FsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private static void posixOnly() {
    Assumptions.assumeTrue(Os.current() == Os.LINUX || Os.current() == Os.MACOS, "POSIX");
  }

  /** st_mode's file type bits, read without following a symlink. */
  private static int type(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
  }

  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  @Test
  void writesANewFileAndCreatesParents() throws IOException {
    Path target = dir.resolve("reports/2025/scan.json");
    AtomicFiles.write(target, w -> w.write("{\"caf\u00e9\": 1}\n"));
    assertEquals("{\"caf\u00e9\": 1}\n", Files.readString(target, StandardCharsets.UTF_8));
    assertEquals(List.of("scan.json"), names(target.getParent()));
  }

  @Test
  void replacesAnExistingFile() throws IOException {
    Path target = dir.resolve("scan.json");
    Files.writeString(target, "old report, longer than the new one\n");
    AtomicFiles.write(target, w -> w.write("new\n"));
    assertEquals("new\n", Files.readString(target));
    assertEquals(List.of("scan.json"), names(dir));
  }

  @Test
  void writesMoreThanOneBuffer() throws IOException {
    Path target = dir.resolve("big.json");
    String body = "0123456789abcdef".repeat(50_000);
    AtomicFiles.write(target, w -> w.write(body));
    assertEquals(body, Files.readString(target));
  }

  @Test
  void ioFailureMidWriteLeavesTheOldFileAndNoTemp() throws IOException {
    Path target = dir.resolve("scan.json");
    Files.writeString(target, "old\n");
    IOException boom = new IOException("disk full");
    IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, w -> {
      // Enough to spill out of the buffer, so half a report is really on disk.
      w.write("x".repeat(200_000));
      w.flush();
      throw boom;
    }));
    assertSame(boom, thrown);
    assertEquals("old\n", Files.readString(target));
    assertEquals(List.of("scan.json"), names(dir));
  }

  @Test
  void runtimeFailureAlsoCleansUp() throws IOException {
    Path target = dir.resolve("scan.json");
    assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, w -> {
      w.write("partial");
      throw new UncheckedIOException(new IOException("writer bug"));
    }));
    assertEquals(List.of(), names(dir));
  }

  /** Someone else's 0666 file must not keep its mode: the result is 0644 under the umask. */
  @Test
  void anExisting0666FileEnds0644() throws IOException {
    posixOnly();
    Path target = dir.resolve("metrics.prom");
    Files.writeString(target, "old\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
    AtomicFiles.write(target, w -> w.write("new\n"));
    assertEquals(expected0644(), Files.getPosixFilePermissions(target));
    assertEquals("new\n", Files.readString(target));
  }

  @Test
  void aNewFileIs0644NotTheTemporaryFilesOwnerOnlyMode() throws IOException {
    posixOnly();
    Path target = dir.resolve("new.json");
    AtomicFiles.write(target, w -> w.write("{}\n"));
    assertEquals(expected0644(), Files.getPosixFilePermissions(target));
  }

  @Test
  void devNullStaysTheNullDevice() throws IOException {
    posixOnly();
    Path devNull = Path.of("/dev/null");
    List<String> before = names(Path.of("/dev"));
    AtomicFiles.write(devNull, w -> w.write("report\n"));
    assertEquals(S_IFCHR, type(devNull), "still a character device");
    assertEquals(before, names(Path.of("/dev")), "no temporary file left in /dev");
  }

  @Test
  void devFullFailsAndStaysADevice() throws IOException {
    Assumptions.assumeTrue(Os.current() == Os.LINUX && Files.exists(Path.of("/dev/full")));
    Path full = Path.of("/dev/full");
    IOException e = assertThrows(IOException.class,
        () -> AtomicFiles.write(full, w -> w.write("report\n")));
    assertTrue(e.getMessage().toLowerCase().contains("space"), e.getMessage());
    assertEquals(S_IFCHR, type(full));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
  void aFifoWithAReaderGetsTheContentAndStaysAFifo() throws Exception {
    posixOnly();
    Path fifo = dir.resolve("report.fifo");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
    CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = Files.newInputStream(fifo)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    AtomicFiles.write(fifo, w -> w.write("through the pipe\n"));
    assertEquals("through the pipe\n", read.get(20, TimeUnit.SECONDS));
    assertEquals(S_IFIFO, type(fifo));
    assertEquals(List.of("report.fifo"), names(dir));
  }

  @Test
  void aSymlinkAsTheTargetIsRefusedNeitherFollowedNorReplaced() throws IOException {
    posixOnly();
    Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
    Path link = Files.createSymbolicLink(dir.resolve("out.json"), victim);
    FsException e = assertThrows(FsException.class,
        () -> AtomicFiles.write(link, w -> w.write("x")));
    assertEquals(FsException.Reason.SYMLINK, e.reason());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("precious\n", Files.readString(victim));
  }

  @Test
  void aSymlinkedDirectoryTheUserNamesIsFollowed() throws IOException {
    posixOnly();
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    AtomicFiles.write(link.resolve("out.json"), w -> w.write("ok\n"));
    assertEquals("ok\n", Files.readString(real.resolve("out.json")));
  }

  @Test
  void noFollowRefusesAPlantedSymlinkAndWritesNothingElsewhere() throws IOException {
    posixOnly();
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path work = Files.createDirectory(dir.resolve("work"));
    Files.createSymbolicLink(work.resolve("reports"), elsewhere);
    FsException e = assertThrows(FsException.class,
        () -> AtomicFiles.writeNoFollow(work.resolve("reports/scan.json"), w -> w.write("x")));
    assertEquals(FsException.Reason.SYMLINK, e.reason());
    assertEquals(List.of(), names(elsewhere));
  }

  @Test
  void noFollowCreatesMissingDirectories() throws IOException {
    Path target = dir.resolve("work/reports/scan.json");
    AtomicFiles.writeNoFollow(target, w -> w.write("{}\n"));
    assertEquals("{}\n", Files.readString(target));
    assertEquals(List.of("scan.json"), names(target.getParent()));
  }

  @Test
  void aDirectoryAsTheTargetIsRefused() throws IOException {
    Path d = Files.createDirectory(dir.resolve("out"));
    assertThrows(IOException.class, () -> AtomicFiles.write(d, w -> w.write("x")));
    assertTrue(Files.isDirectory(d));
  }

  /** 0644 as the umask leaves it: a file created with 0666 shows which bits the umask clears. */
  private Set<PosixFilePermission> expected0644() throws IOException {
    Path probe = Files.createFile(dir.resolve(".umask-probe"));
    Set<PosixFilePermission> allowed = Files.getPosixFilePermissions(probe);
    Files.delete(probe);
    Set<PosixFilePermission> want = PosixFilePermissions.fromString("rw-r--r--");
    want.retainAll(allowed);
    return want;
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> s = Files.list(directory)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
