package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.platform.Os;
import io.procsweep.platform.Signal;
import io.procsweep.platform.fs.FsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final Instant T = Instant.parse("2026-11-21T12:00:01.250Z");

  @TempDir Path dir;

  private static AuditEntry intent(int pid) {
    return AuditEntry.signalIntent(T, Mode.FORCED, "kill-tree", pid, 1_700_000_000_123L,
        "worker", Signal.TERM, "pidfd");
  }

  private static void posixOnly() {
    Assumptions.assumeTrue(Os.current() == Os.LINUX || Os.current() == Os.MACOS, "POSIX");
  }

  @Test
  void appendsOneJsonLinePerEntryAndKeepsEarlierRuns() throws Exception {
    Path file = dir.resolve("state/procsweep/audit.jsonl"); // parents created on open
    AuditEntry intent = intent(5001);
    try (AuditLog log = AuditLog.open(file)) {
      log.append(intent);
      log.append(intent.result(T.plusMillis(1), "sent", null));
    }
    try (AuditLog log = AuditLog.open(file)) {
      log.append(AuditEntry.unlinkIntent(T, Mode.SAFE, "remove-pidfile", 31999, "/run/app.pid"));
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(3, lines.size());
    assertEquals("{\"time\":\"2026-11-21T12:00:01.250Z\",\"phase\":\"intent\",\"kind\":\"signal\","
        + "\"mode\":\"forced\",\"action\":\"kill-tree\",\"target\":{\"pid\":5001,\"startTime\":"
        + "\"2023-11-14T22:13:20.123Z\",\"name\":\"worker\"},\"signal\":\"SIGTERM\",\"result\":"
        + "null,\"mechanism\":\"pidfd\",\"message\":null}", lines.get(0));
    JsonNode result = Schemas.parse(lines.get(1));
    assertEquals("result", result.get("phase").asText());
    assertEquals("sent", result.get("result").asText());
    assertEquals(5001, result.at("/target/pid").asInt());
    JsonNode unlink = Schemas.parse(lines.get(2));
    assertEquals("unlink", unlink.get("kind").asText());
    assertEquals("intent", unlink.get("phase").asText());
    assertTrue(unlink.at("/target/startTime").isNull());
    assertTrue(unlink.get("signal").isNull());
    assertEquals("/run/app.pid", unlink.get("message").asText());
  }

  @Test
  void aRunLevelNoteNamesNoTarget() throws Exception {
    JsonNode n = Schemas.parse(AuditLine.of(AuditEntry.note(T, AuditEntry.Kind.INTERRUPTED,
        Mode.SAFE, "SIGINT", "2 actions not carried out")));
    assertEquals("interrupted", n.get("kind").asText());
    assertEquals("result", n.get("phase").asText());
    assertTrue(n.get("target").isNull());
    assertTrue(n.get("action").isNull());
    assertEquals("SIGINT", n.get("result").asText());
    assertThrows(IllegalArgumentException.class,
        () -> AuditEntry.note(T, AuditEntry.Kind.SIGNAL, Mode.SAFE, "x", null));
  }

  @Test
  void anIntentLineHasNoResultAndOnlyItGetsOne() {
    AuditEntry i = intent(7);
    assertEquals(null, i.result());
    AuditEntry r = i.result(T, "sent", null);
    assertEquals(AuditEntry.Phase.RESULT, r.phase());
    assertEquals(List.of(7, "worker", Signal.TERM, "pidfd"),
        List.of(r.pid(), r.name(), r.signal(), r.mechanism()));
    assertThrows(IllegalStateException.class, () -> r.result(T, "sent", null));
    assertThrows(NullPointerException.class, () -> new AuditEntry(T, AuditEntry.Phase.RESULT,
        AuditEntry.Kind.SIGNAL, Mode.SAFE, "terminate", 1, null, null, Signal.TERM, null, null,
        null), "a result line needs its result");
  }

  @Test
  void linesCannotBeSplitOrSteeredByAProcessName() throws Exception {
    String line = AuditLine.of(new AuditEntry(T, Mode.SAFE, "terminate", 66, 0L,
        "evil\n\u001b[2J\u202E\u007f\uD800caf\u00e9", Signal.TERM, "sent", "kill", null));
    assertEquals(1, line.split("\n", -1).length - 1, "exactly one line end");
    assertTrue(line.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)),
        "printable ASCII only: " + line);
    assertTrue(line.contains("\\u202E") || line.contains("\\u202e"), line);
    assertEquals("evil\n\u001b[2J\u202E\u007f\uD800caf\u00e9",
        Schemas.parse(line).at("/target/name").asText());
  }

  @Test
  void newDirectoriesAre0700AndANewLog0600() throws Exception {
    posixOnly();
    Path file = dir.resolve("a/b/audit.jsonl");
    try (AuditLog log = AuditLog.open(file)) {
      log.append(intent(1));
    }
    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("a"))));
    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("a/b"))));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aPlantedSymlinkedDirectoryIsRefusedAndItsTargetUntouched() throws Exception {
    posixOnly();
    Path victimDir = Files.createDirectories(dir.resolve("root-only"));
    Path victim = Files.writeString(victimDir.resolve("audit.jsonl"), "precious\n");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.createSymbolicLink(logs.resolve("procsweep"), victimDir);

    FsException e = assertThrows(FsException.class,
        () -> AuditLog.open(logs.resolve("procsweep/audit.jsonl")));
    assertEquals(FsException.Reason.SYMLINK, e.reason());
    assertTrue(e.getMessage().contains("procsweep"), e.getMessage());
    assertEquals("precious\n", Files.readString(victim));
    assertEquals(List.of("audit.jsonl"), names(victimDir));
  }

  @Test
  void aSymlinkAsTheLogItselfIsRefused() throws Exception {
    posixOnly();
    Path victim = Files.writeString(dir.resolve("shadow"), "precious\n");
    Path link = Files.createSymbolicLink(dir.resolve("audit.jsonl"), victim);
    assertThrows(FsException.class, () -> AuditLog.open(link));
    assertEquals("precious\n", Files.readString(victim));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
  void aFifoAsTheLogFailsAtOnce() throws Exception {
    posixOnly();
    Path fifo = dir.resolve("audit.jsonl");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
    FsException e = assertThrows(FsException.class, () -> AuditLog.open(fifo));
    assertEquals(FsException.Reason.NOT_REGULAR, e.reason());
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void aDeviceAsTheLogIsRefused() {
    posixOnly();
    FsException e = assertThrows(FsException.class, () -> AuditLog.open(Path.of("/dev/null")));
    assertEquals(FsException.Reason.NOT_REGULAR, e.reason());
  }

  /**
   * A real full disk: a 12 KiB tmpfs holding the log and a filler. The line that does not fit
   * must fail the append and leave the log ending in its last complete line.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFullDiskFailsTheAppendAndLeavesNoHalfLine() throws Exception {
    Assumptions.assumeTrue(Os.current() == Os.LINUX, "tmpfs is Linux");
    Path mnt = Files.createDirectory(dir.resolve("tiny"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs",
        mnt.toString()).redirectErrorStream(true).start();
    String mountOut = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assumptions.assumeTrue(mount.waitFor() == 0, "mount not permitted here: " + mountOut);
    try {
      Path file = mnt.resolve("audit.jsonl");
      try (AuditLog log = AuditLog.open(file)) {
        log.append(intent(1));
        String first = Files.readString(file);
        // Fill every free block; the log's own block keeps its slack.
        try (var out = Files.newOutputStream(mnt.resolve("filler"))) {
          byte[] block = new byte[1024];
          while (true) {
            out.write(block);
            out.flush();
          }
        } catch (IOException full) {
          // No space left: that is the point.
        }
        AuditEntry big = new AuditEntry(T, AuditEntry.Phase.INTENT, AuditEntry.Kind.SIGNAL,
            Mode.FORCED, "kill-tree", 2, null, "x".repeat(9000), Signal.TERM, null, "pidfd",
            null);
        IOException e = assertThrows(IOException.class, () -> log.append(big));
        assertTrue(e.getMessage().toLowerCase().contains("space"), e.getMessage());
        assertEquals(first, Files.readString(file), "cut back to the last whole line");
        assertTrue(Files.readString(file).endsWith("}\n"));
      }
    } finally {
      Process umount = new ProcessBuilder("umount", mnt.toString()).inheritIO().start();
      assertEquals(0, umount.waitFor(), "umount " + mnt);
    }
  }

  @Test
  void executorWritesEverySignalToTheFile() throws Exception {
    FakeControl control = new FakeControl();
    Target t = Target.of(Fixtures.proc(5000, 1, "uvicorn"));
    control.add(t).diesOn(Signal.KILL);
    FakeClock clock = new FakeClock(Fixtures.NOW);
    Path file = dir.resolve("audit.jsonl");
    Plan plan = new Plan(Mode.FORCED, Fixtures.NOW, Fixtures.GRACE, "h", "linux", List.of(
        new Terminate(t, new Cause("r", "orphan", io.procsweep.rules.Severity.LOW),
            io.procsweep.cleanup.Escalation.terminate(Mode.FORCED, Fixtures.GRACE, false),
            null)));
    try (AuditLog log = AuditLog.open(file)) {
      Fixtures.execute(plan, control, log, clock, clock.sleeper());
    }
    List<String> lines = Files.readAllLines(file);
    List<String> signals = new java.util.ArrayList<>();
    List<String> intents = new java.util.ArrayList<>();
    for (String l : lines) {
      var json = Schemas.parse(l);
      (json.get("phase").asText().equals("intent") ? intents : signals)
          .add(json.get("signal").asText());
    }
    assertEquals(List.of("SIGTERM", "SIGTERM", "SIGKILL"), signals);
    assertEquals(signals, intents, "each signal's intent was written before it");
  }

  private static List<String> names(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
