package io.procsweep.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.testing.Schemas;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file on a real file system: lock, atomic replace, damaged files set aside. */
class StateFileTest {
  private static final Instant T = Instant.parse("2026-12-02T12:00:00.250Z");
  private static final ProcessKey A = new ProcessKey(4242, 1_764_000_000_123L);
  private static final ScanState STATE = new ScanState(
      Map.of(new FindingKey("stopped", A), T.minusSeconds(90)),
      Map.of(A, new ProcessRecord(1_234, T, ProcState.STOPPED, T.minusSeconds(90),
          T.minusSeconds(5)), new ProcessKey(7, 5), new ProcessRecord(0, T,
          ProcState.SLEEPING, T, null)));

  @TempDir Path tmp;

  private final List<String> warnings = new ArrayList<>();

  private StateFile file(Path p, Duration lockWait) {
    return new StateFile(p, warnings::add, Clock.fixed(T, ZoneOffset.UTC), lockWait);
  }

  @Test
  void aMissingFileIsTheFirstRunAndItsDirectoriesAreCreatedPrivate() throws Exception {
    Path p = tmp.resolve("a/b/state.json");
    StateFile f = file(p, Duration.ofSeconds(5));
    assertTrue(f.load().isEmpty());
    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("a"))));
    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("a/b"))));
    assertFalse(Files.exists(p));
    assertEquals(List.of(), warnings);
  }

  @Test
  void whatIsSavedIsReadBackAndMatchesTheSchema() throws Exception {
    Path p = tmp.resolve("state.json");
    StateFile f = file(p, Duration.ofSeconds(5));
    f.save(STATE);
    assertEquals(STATE, f.load());
    String json = Files.readString(p);
    assertEquals(List.of(), List.copyOf(Schemas.validate(Schemas.STATE, json)), json);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    assertEquals(List.of(), List.copyOf(Schemas.validateSchemaFile(Schemas.STATE)));
  }

  @Test
  void aSaveReplacesTheFileByRenameSoAReaderNeverSeesHalfOfIt() throws Exception {
    Path p = tmp.resolve("state.json");
    StateFile f = file(p, Duration.ofSeconds(5));
    f.save(ScanState.EMPTY);
    Object before = Files.getAttribute(p, "unix:ino");
    String old = Files.readString(p);
    try (InputStream reader = Files.newInputStream(p)) {
      f.save(STATE);
      // The open reader still has the whole old file: the new one is another inode.
      assertEquals(old, new String(reader.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertNotEquals(before, Files.getAttribute(p, "unix:ino"));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of("state.json", "state.json.lock"),
          left.map(x -> x.getFileName().toString()).sorted().toList(), "no temporary file left");
    }
  }

  @Test
  void aSecondSessionWaitsForTheFirstAndFailsInOneSentenceWhenItWaitsTooLong()
      throws Exception {
    Path p = tmp.resolve("state.json");
    StateFile f = file(p, Duration.ofMillis(300));
    try (StateFile.Session first = f.open()) {
      StateException e = assertThrows(StateException.class, f::open);
      assertTrue(e.getMessage().startsWith("another procsweep run has held the state file " + p),
          e.getMessage());
      first.save(STATE);
    }
    // Released: the next run gets the lock and reads what the first one wrote.
    try (StateFile.Session second = f.open()) {
      assertEquals(STATE, second.state());
    }
  }

  @Test
  void theLockIsAnOsLockThatAnotherProcessHolds() throws Exception {
    Path p = tmp.resolve("state.json");
    StateFile f = file(p, Duration.ofMillis(300));
    f.save(STATE); // creates the lock file
    // python's lockf is fcntl(F_SETLK), the lock FileChannel takes on Linux.
    Process holder = new ProcessBuilder("python3", "-c",
        "import fcntl,sys\n"
            + "f=open(sys.argv[1],'r+')\n"
            + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
            + "print('locked', flush=True)\n"
            + "sys.stdin.read()\n",
        f.lockPath().toString()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      assertThrows(StateException.class, f::open);
    } finally {
      holder.getOutputStream().close(); // the holder exits, and the kernel drops its lock
      if (!holder.waitFor(10, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }
    assertEquals(STATE, f.load());
  }

  @Test
  void aTruncatedFileIsSetAsideWithOneWarningNamingBothPaths() throws Exception {
    Path p = tmp.resolve("state.json");
    StateFile f = file(p, Duration.ofSeconds(5));
    f.save(STATE);
    String whole = Files.readString(p);
    String cut = whole.substring(0, whole.length() / 2);
    Files.writeString(p, cut);
    assertTrue(f.load().isEmpty());
    Path aside = tmp.resolve("state.json.corrupt-20261202T120000Z");
    assertEquals(cut, Files.readString(aside), "the damaged file is kept for a look");
    assertFalse(Files.exists(p));
    assertEquals(1, warnings.size());
    String w = warnings.get(0);
    assertTrue(w.contains(p.toString()) && w.contains(aside.toString()), w);
    assertFalse(w.contains("\n"));
    // A second damaged file the same second does not overwrite the first one set aside.
    Files.writeString(p, "{}");
    assertTrue(f.load().isEmpty());
    assertEquals("{}", Files.readString(tmp.resolve("state.json.corrupt-20261202T120000Z-1")));
  }

  @Test
  void anotherSchemaAnUnknownFieldOrAnOversizedFileIsSetAsideToo() throws Exception {
    Path p = tmp.resolve("state.json");
    StateFile f = file(p, Duration.ofSeconds(5));
    List<String> bad = List.of(
        "{\"schema\": \"procsweep/state/v9\", \"savedAt\": \"x\", \"processes\": [],"
            + " \"findings\": []}",
        "{\"schema\": \"procsweep/state/v1\", \"savedAt\": \"x\", \"processes\": [],"
            + " \"findings\": [], \"extra\": 1}",
        "{\"schema\": \"procsweep/state/v1\", \"savedAt\": \"x\", \"processes\": [{\"pid\": 1}],"
            + " \"findings\": []}",
        "[]");
    for (String b : bad) {
      Files.writeString(p, b);
      assertTrue(f.load().isEmpty(), b);
      assertFalse(Files.exists(p), b);
    }
    assertEquals(bad.size(), warnings.size());
    try (var out = Files.newOutputStream(p)) {
      byte[] mib = new byte[1024 * 1024];
      for (int i = 0; i <= StateFile.MAX_BYTES / mib.length; i++) {
        out.write(mib);
      }
    }
    assertTrue(f.load().isEmpty());
    assertFalse(Files.exists(p));
    assertTrue(warnings.get(warnings.size() - 1).contains("larger than"),
        warnings.get(warnings.size() - 1));
  }

  @Test
  void aDirectoryIsNoStateFileAndIsLeftAlone() throws Exception {
    Path d = Files.createDirectory(tmp.resolve("state.json"));
    StateException e = assertThrows(StateException.class, () -> file(d, Duration.ZERO).load());
    assertEquals("the state file " + d + " is a directory", e.getMessage());
    assertTrue(Files.isDirectory(d));
  }
}
