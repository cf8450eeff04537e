package io.procsweep.cleanup.pidfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.FactRegistry;
import io.procsweep.platform.fs.DirHandle;
import io.procsweep.rules.PidfileGlob;
import io.procsweep.rules.RuleInputs;
import io.procsweep.rules.RuleLoader;
import io.procsweep.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pid files on disk, checked against real processes: this JVM (live) and a reaped child. */
class PidFilesTest {
  static final int SELF = (int) ProcessHandle.current().pid();

  @TempDir Path base;

  private PidFiles pidFiles() {
    return new PidFiles(ProcessLookup.jdk());
  }

  private PidfileGlob glob(String pattern) {
    return PidfileGlob.of(pattern, base);
  }

  private PidfileScan watch(String... patterns) {
    return pidFiles().scan(Arrays.stream(patterns).map(this::glob).toList(), List.of());
  }

  private PidfileScan protect(String... patterns) {
    return pidFiles().scan(List.of(), Arrays.stream(patterns).map(this::glob).toList());
  }

  private Path write(String name, String content) throws IOException {
    return write(base, name, content);
  }

  static Path write(Path base, String name, String content) throws IOException {
    Path p = base.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  static List<Path> paths(PidfileScan s) {
    return s.stale().stream().map(StalePidfile::path).toList();
  }

  /** The pid of a child that has exited and been reaped: no process has it now. */
  static int deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    int pid = (int) p.pid();
    // Reuse within these few milliseconds is next to impossible, but never assert on it.
    return ProcessHandle.of(pid).isPresent() ? Integer.MAX_VALUE - 1 : pid;
  }

  static void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor(), "mkfifo");
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
  void aFileWithoutAPidIsReportedNeverStale() throws IOException {
    for (String content : List.of("", "\n", "abc\n", "-5\n", "0\n", "12 34\n",
        "99999999999999\n")) {
      Path f = write(".run/g.pid", content);
      assertNull(pidFiles().state(f), "content: " + content);
      PidfileScan s = watch(".run/*.pid");
      assertEquals(List.of(), s.stale(), "content: " + content);
      assertEquals(List.of(new PidfileProblem(f, PidfileProblem.Kind.NOT_A_PIDFILE,
          "holds no pid", false)), s.problems());
      assertFalse(s.protectIncomplete());
    }
    assertNull(pidFiles().state(base.resolve("missing.pid")));
  }

  @Test
  void aFiveMegabyteBinaryAGlobMatchesIsNotAPidFile() throws IOException {
    byte[] binary = new byte[5 * 1024 * 1024];
    byte[] head = "12345\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, binary, 0, head.length); // even one that starts like a pid file
    Path big = Files.write(Files.createDirectories(base.resolve(".run")).resolve("tool.pid"),
        binary);
    PidfileScan s = watch(".run/*");
    assertEquals(List.of(), s.stale());
    assertEquals(List.of(new PidfileProblem(big, PidfileProblem.Kind.NOT_A_PIDFILE,
        "larger than 4096 bytes", false)), s.problems());
    assertEquals(binary.length, Files.size(big));
  }

  @Test
  void aFileDeletedAfterListingIsGoneNotAProblem() throws IOException {
    try (DirHandle dir = DirHandle.open(base)) {
      assertInstanceOf(PidfileCheck.Gone.class,
          PidfileCheck.check(dir, dir.stat().id(), "vanished.pid", ProcessLookup.jdk()));
    }
  }

  @Test
  void parseTakesTheFirstLineTrimmed() {
    assertEquals(42, PidfileCheck.parse("42"));
    assertEquals(42, PidfileCheck.parse(" 42 \r\nsomething else\n"));
    assertNull(PidfileCheck.parse("4 2"));
    assertNull(PidfileCheck.parse("0x2a"));
  }

  @Test
  void staleListsOnlyStaleFilesWithOwnerAndIdentity() throws Exception {
    write(".run/live.pid", SELF + "\n");
    Path dead = write(".run/dead.pid", deadPid() + "\n");
    write(".run/notes.txt", "12\n");
    PidfileScan s = watch(".run/*.pid");
    assertEquals(List.of(dead), paths(s));
    StalePidfile f = s.stale().get(0);
    assertEquals(PidfileState.STALE_DEAD, f.state());
    assertEquals(Files.getAttribute(dead, "unix:uid"), f.ownerUid());
    assertEquals(System.getProperty("user.name"), f.owner());
    assertEquals(Files.getAttribute(dead, "unix:ino"), f.file().ino());
    try (DirHandle dir = DirHandle.open(base.resolve(".run"))) {
      assertEquals(dir.stat().id(), f.directory());
      assertEquals(dir.stat("dead.pid").id(), f.file());
    }
  }

  @Test
  void protectedPidsAreTheLiveOnes() throws Exception {
    write("workers/a.pid", SELF + "\n");
    write("workers/b.pid", deadPid() + "\n");
    PidfileScan s = protect("workers/*.pid");
    assertEquals(Set.of(SELF), s.protectedPids());
    assertEquals(List.of(), s.stale(), "protect globs never plan removals");
    assertFalse(s.protectIncomplete());
  }

  @Test
  void globsExpandRelativeAbsoluteRecursiveAndLiteral() throws Exception {
    String dead = deadPid() + "\n";
    Path a = write(".run/a.pid", dead);
    Path b = write("svc/x/b.pid", dead);
    Path c = write("svc/x/y/c.pid", dead);
    write("svc/x/y/c.txt", dead);
    assertEquals(List.of(a), paths(watch(".run/*.pid")));
    assertEquals(List.of(b), paths(watch("svc/*/*.pid")));
    assertEquals(List.of(b, c), paths(watch("svc/**/*.pid")));
    assertEquals(List.of(a), paths(watch(base.resolve(".run") + "/*.pid")));
    assertEquals(List.of(a), paths(watch(".run/a.pid", ".run/a.pid", "nowhere/*.pid")));
    assertEquals(List.of(a, b), paths(watch("{.run,svc/x}/*.pid")));
    assertEquals(List.of(), watch("nowhere/*.pid", "svc/nowhere.pid").problems(),
        "a directory or file that does not exist is no problem");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard: reading a FIFO would block
  void aFifoAsPidFileIsReportedWithoutBlocking() throws Exception {
    Files.createDirectories(base.resolve(".run"));
    Path fifo = base.resolve(".run/api.pid");
    mkfifo(fifo);
    assertNull(pidFiles().state(fifo));
    PidfileScan s = pidFiles().scan(List.of(glob(".run/*.pid")), List.of(glob(".run/*.pid")));
    assertEquals(List.of(), s.stale());
    assertEquals(List.of(new PidfileProblem(fifo, PidfileProblem.Kind.UNREADABLE,
        "not a regular file (fifo)", true)), s.problems());
    assertTrue(s.protectIncomplete(), "a protect glob could not read it: fail closed");
  }

  @Test
  void aSymlinkedSubdirectoryUnderAProtectGlobIsReportedAndFlagged() throws Exception {
    Path elsewhere = write("elsewhere/w.pid", SELF + "\n").getParent();
    write("workers/a/w.pid", deadPid() + "\n");
    Path live = write("workers/c/w.pid", SELF + "\n");
    Path link = Files.createSymbolicLink(base.resolve("workers/b"), elsewhere);
    for (String pattern : List.of("workers/*/w.pid", "workers/**/w.pid")) {
      PidfileScan s = protect(pattern);
      assertEquals(List.of(new PidfileProblem(link, PidfileProblem.Kind.UNREADABLE,
          "symlink, not followed", true)), s.problems(), pattern);
      assertTrue(s.protectIncomplete(), pattern);
      // The walk goes on past the problem: workers after it keep their protection.
      assertEquals(Set.of(SELF), s.protectedPids(), pattern);
      assertTrue(Files.exists(live));
    }
    PidfileScan watched = watch("workers/*/w.pid");
    assertFalse(watched.protectIncomplete(), "only protect globs fail closed");
    assertEquals(1, watched.problems().size());
  }

  @Test
  void aSymlinkedLiteralComponentIsReportedNotFollowed() throws Exception {
    Path other = write("other/dead.pid", deadPid() + "\n").getParent();
    Path link = Files.createSymbolicLink(base.resolve(".run"), other);
    PidfileScan s = pidFiles().scan(List.of(glob(".run/*.pid")), List.of(glob(".run/*.pid")));
    assertEquals(List.of(), s.stale());
    assertEquals(List.of(new PidfileProblem(link, PidfileProblem.Kind.UNREADABLE,
        "symlink, not followed", true)), s.problems());
    assertTrue(s.protectIncomplete());
  }

  @Test
  void aSymlinkedPidFileIsReportedNotFollowed() throws Exception {
    Path target = write("real.pid", deadPid() + "\n");
    Path link = Files.createSymbolicLink(
        Files.createDirectories(base.resolve(".run")).resolve("a.pid"), target);
    PidfileScan s = watch(".run/*.pid");
    assertEquals(List.of(), s.stale());
    assertEquals(List.of(new PidfileProblem(link, PidfileProblem.Kind.UNREADABLE,
        "symlink, not followed", false)), s.problems());
  }

  @Test
  void relativeGlobsResolveUnderTheRuleFilesDirectoryNotTheWorkingDirectory() throws Exception {
    Path project = Files.createDirectories(base.resolve("project"));
    Path dead = write(project, ".run/dead.pid", deadPid() + "\n");
    Path rulesFile = Files.writeString(project.resolve("rules.yaml"),
        "version: 1\npidfiles: ['.run/*.pid']\n");
    assertFalse(Path.of("").toAbsolutePath().equals(project), "cwd differs from the rules' dir");
    RuleSet rules = new RuleLoader(FactRegistry.standard()).load(RuleInputs.fromPath(rulesFile));
    PidfileScan s = pidFiles().scan(rules.pidfiles(), rules.protect().pidfiles());
    assertEquals(List.of(dead.toRealPath()), paths(s));
  }
}
