package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pid files on disk, checked against real processes: this JVM (live) and a reaped child. */
class PidFilesTest {
  private static final int SELF = (int) ProcessHandle.current().pid();

  @TempDir Path base;

  private PidFiles pidFiles() {
    return new PidFiles(base, ProcessLookup.jdk());
  }

  private Path write(String name, String content) throws IOException {
    Path p = base.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  /** The pid of a child that has exited and been reaped: no process has it now. */
  private static int deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    int pid = (int) p.pid();
    // Reuse within these few milliseconds is next to impossible, but never assert on it.
    return ProcessHandle.of(pid).isPresent() ? Integer.MAX_VALUE - 1 : pid;
  }

  @Test
  void ownPidIsLive() throws IOException {
    Path f = write(".run/self.pid", SELF + "\n");
    assertEquals(PidfileState.LIVE, pidFiles().state(f));
    Path spaced = write(".run/spaced.pid", "  " + SELF + "  \nname: java\n");
    assertEquals(PidfileState.LIVE, pidFiles().state(spaced));
  }

  @Test
  void reapedChildIsStaleDead() throws Exception {
    Path f = write(".run/dead.pid", deadPid() + "\n");
    assertEquals(PidfileState.STALE_DEAD, pidFiles().state(f));
  }

  @Test
  void pidStartedAfterTheFileWasWrittenIsStaleReused() throws IOException {
    Path f = write(".run/reused.pid", SELF + "\n");
    // Written long before this JVM started: the pid belonged to someone else back then.
    Files.setLastModifiedTime(f, FileTime.fromMillis(946_684_800_000L));
    assertEquals(PidfileState.STALE_REUSED, pidFiles().state(f));
  }

  @Test
  void startWithinTheToleranceOfTheFileTimeIsLive() throws IOException {
    long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    Path f = write(".run/early.pid", SELF + "\n");
    // A process that writes its pid file right after starting; times have 10 ms precision.
    Files.setLastModifiedTime(f, FileTime.fromMillis(start - 900));
    assertEquals(PidfileState.LIVE, pidFiles().state(f));
  }

  @Test
  void garbageIsStaleGarbage() throws IOException {
    for (String content : List.of("", "\n", "abc\n", "-5\n", "0\n", "12 34\n",
        "99999999999999\n")) {
      Path f = write(".run/g.pid", content);
      assertEquals(PidfileState.STALE_GARBAGE, pidFiles().state(f), "content: " + content);
    }
    assertEquals(PidfileState.STALE_GARBAGE, pidFiles().state(base.resolve("missing.pid")));
  }

  @Test
  void parseTakesTheFirstLineTrimmed() {
    assertEquals(42, PidfileCheck.parse("42"));
    assertEquals(42, PidfileCheck.parse(" 42 \r\nsomething else\n"));
    assertNull(PidfileCheck.parse("4 2"));
    assertNull(PidfileCheck.parse("0x2a"));
  }

  @Test
  void staleListsOnlyStaleFilesWithOwnerAndReason() throws Exception {
    write(".run/live.pid", SELF + "\n");
    Path dead = write(".run/dead.pid", deadPid() + "\n");
    Path junk = write(".run/junk.pid", "hello\n");
    write(".run/notes.txt", "12\n");
    List<StalePidfile> stale = pidFiles().stale(List.of(".run/*.pid"));
    assertEquals(List.of(dead, junk), stale.stream().map(StalePidfile::path).toList());
    assertEquals(PidfileState.STALE_DEAD, stale.get(0).state());
    assertEquals(PidfileState.STALE_GARBAGE, stale.get(1).state());
    assertNull(stale.get(1).pid());
    Object uid = Files.getAttribute(junk, "unix:uid");
    assertEquals(uid, stale.get(1).ownerUid());
    assertEquals(System.getProperty("user.name"), stale.get(1).owner());
  }

  @Test
  void protectedPidsAreTheLiveOnes() throws Exception {
    write("workers/a.pid", SELF + "\n");
    write("workers/b.pid", deadPid() + "\n");
    assertEquals(Set.of(SELF), pidFiles().protectedPids(List.of("workers/*.pid")));
  }

  @Test
  void globsExpandRelativeAbsoluteRecursiveAndLiteral() throws IOException {
    Path a = write(".run/a.pid", "1\n");
    Path b = write("svc/x/b.pid", "1\n");
    Path c = write("svc/x/y/c.pid", "1\n");
    write("svc/x/y/c.txt", "1\n");
    PidFiles p = pidFiles();
    assertEquals(List.of(a), p.expand(List.of(".run/*.pid")));
    assertEquals(List.of(b), p.expand(List.of("svc/*/*.pid")));
    assertEquals(List.of(b, c), p.expand(List.of("svc/**.pid")));
    assertEquals(List.of(a), p.expand(List.of(base.resolve(".run").toString() + "/*.pid")));
    assertEquals(List.of(a), p.expand(List.of(".run/a.pid", ".run/a.pid", "nowhere/*.pid")));
    assertEquals(List.of(a, b), p.expand(List.of("{.run,svc/x}/*.pid")));
  }
}
