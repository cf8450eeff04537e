package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.platform.Os;
import io.procsweep.testing.Cli;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where scan reports go, on real files: --output to a device, --save past a planted symlink. */
class OutputsCliTest {
  /** Matches no process: these tests are about files, not findings. */
  private static final String NOTHING = "no-such-process-" + UUID.randomUUID();

  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    Assumptions.assumeTrue(Os.current() == Os.LINUX || Os.current() == Os.MACOS, "POSIX");
  }

  @Test
  void outputToDevNullLeavesTheDevice() throws Exception {
    MainTest.Run r = MainTest.run("scan", "--sample", "0", "--no-default-rules",
        "--match", NOTHING, "--output", "/dev/null");
    assertEquals(0, r.code(), r.err());
    int mode = (Integer) Files.getAttribute(Path.of("/dev/null"), "unix:mode",
        LinkOption.NOFOLLOW_LINKS);
    assertEquals(0020000, mode & 0170000, "/dev/null is still a character device");
  }

  @Test
  void savePastAPlantedReportsSymlinkFailsInOneSentenceAndWritesNothingThere() throws Exception {
    Path work = Files.createDirectory(dir.resolve("work"));
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Files.createSymbolicLink(work.resolve("reports"), elsewhere);

    Cli.Result r = Cli.run(work, "scan", "--sample", "0", "--no-default-rules",
        "--match", NOTHING, "--format", "json", "--save");
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("procsweep: cannot save reports/scan-"), r.err());
    assertTrue(lines.get(0).contains("reports: symlink, not followed"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertEquals(List.of(), s.toList(), "nothing written through the symlink");
    }
  }

  @Test
  void saveCreatesReportsInTheWorkingDirectory() throws Exception {
    Path work = Files.createDirectory(dir.resolve("work"));
    Cli.Result r = Cli.run(work, "scan", "--sample", "0", "--no-default-rules",
        "--match", NOTHING, "--format", "json", "--save");
    assertEquals(0, r.code(), r.err());
    try (Stream<Path> s = Files.list(work.resolve("reports"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).toList();
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).matches("scan-\\d{8}T\\d{6}Z\\.json"), names.toString());
    }
  }

  @Test
  void outputToADirectoryIsOneSentenceAndExitTwo() {
    for (String dirName : List.of("/", dir.toString())) {
      MainTest.Run scan = MainTest.run("scan", "--sample", "0", "--no-default-rules",
          "--match", NOTHING, "--output", dirName);
      assertEquals(2, scan.code(), scan.err());
      assertEquals("procsweep: --output " + dirName + ": is a directory\n", scan.err());
    }
    MainTest.Run snapshot = MainTest.run("snapshot", "--output", "/");
    assertEquals(2, snapshot.code(), snapshot.err());
    assertEquals("procsweep: --output /: is a directory\n", snapshot.err());
  }

  /** /proc takes no new files, so the temporary file an atomic write needs cannot be made. */
  @Test
  void outputIntoProcNamesTheFileAndWhy() {
    Assumptions.assumeTrue(Os.current() == Os.LINUX && Files.exists(Path.of("/proc/version")),
        "Linux /proc");
    MainTest.Run r = MainTest.run("scan", "--sample", "0", "--no-default-rules",
        "--match", NOTHING, "--output", "/proc/version");
    assertEquals(2, r.code(), r.err());
    assertEquals("procsweep: --output /proc/version: cannot create a file in /proc to replace"
        + " it atomically (its file system takes no new files)\n", r.err());
  }
}
