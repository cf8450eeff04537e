package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

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
  void ioFailureMidWriteLeavesTheOldFileAndNoTemp() throws IOException {
    Path target = dir.resolve("scan.json");
    Files.writeString(target, "old\n");
    IOException boom = new IOException("disk full");
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    target,
                    w -> {
                      // Enough to spill out of the buffer, so half a report is really on disk.
                      w.write("x".repeat(100_000));
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
    assertThrows(
        UncheckedIOException.class,
        () ->
            AtomicFiles.write(
                target,
                w -> {
                  w.write("partial");
                  throw new UncheckedIOException(new IOException("writer bug"));
                }));
    assertEquals(List.of(), names(dir));
  }

  @Test
  void keepsTheExistingFilesPermissions() throws IOException {
    Path target = dir.resolve("metrics.prom");
    Files.writeString(target, "old\n");
    Assumptions.assumeTrue(
        Files.getFileStore(target).supportsFileAttributeView("posix"), "POSIX permissions");
    Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(target, shared);
    AtomicFiles.write(target, w -> w.write("new\n"));
    assertEquals(shared, Files.getPosixFilePermissions(target));
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> s = Files.list(directory)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
