package io.procsweep.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.procsweep.procfs.ProcClock;
import io.procsweep.procfs.ProcStat;
import io.procsweep.procfs.ProcStatus;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.testing.ThreadedFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Linux implementation against real processes this test starts, through both mechanisms:
 * {@code pidfd=true} is the default path, {@code false} forces the kill(2) fallback. Only
 * children of this test are ever targeted; each is ended in {@code finally} by its handle.
 */
@EnabledOnOs(OS.LINUX)
class LinuxProcessControlLiveTest {
  private static final Path PROC = Path.of("/proc");

  private static LinuxProcessControl control(boolean pidfd) {
    return new LinuxProcessControl(PROC, pidfd);
  }

  @ParameterizedTest(name = "pidfd={0}")
  @ValueSource(booleans = {true, false})
  void termIsSentAndTheChildExits(boolean pidfd) throws Exception {
    LinuxProcessControl c = control(pidfd);
    try (Child child = Child.start("sleep", "60")) {
      ProcessIdentity id = child.awaitIdentity("sleep");
      assertTrue(c.alive(id));
      assertEquals(SignalResult.SENT, c.signal(id, Signal.TERM));
      assertEquals(expectedMechanism(pidfd), c.mechanism(), "no silent fallback");
      assertTrue(child.process.waitFor(10, TimeUnit.SECONDS));
      assertEquals(128 + 15, child.process.exitValue());
      assertFalse(c.alive(id));
    }
  }

  @ParameterizedTest(name = "pidfd={0}")
  @ValueSource(booleans = {true, false})
  void otherStartTimeOrNameIsChangedAndNotSignalled(boolean pidfd) throws Exception {
    LinuxProcessControl c = control(pidfd);
    try (Child child = Child.start("sleep", "60")) {
      ProcessIdentity id = child.awaitIdentity("sleep");
      ProcessIdentity later = new ProcessIdentity(id.pid(), id.startTimeMs() + 10, id.name());
      ProcessIdentity renamed = new ProcessIdentity(id.pid(), id.startTimeMs(), "sleepy");
      assertEquals(SignalResult.CHANGED, c.signal(later, Signal.KILL));
      assertEquals(SignalResult.CHANGED, c.signal(renamed, Signal.KILL));
      assertFalse(c.alive(later));
      assertFalse(child.process.waitFor(200, TimeUnit.MILLISECONDS), "must still run");
      assertTrue(c.alive(id));
    }
  }

  @ParameterizedTest(name = "pidfd={0}")
  @ValueSource(booleans = {true, false})
  void reapedChildIsGone(boolean pidfd) throws Exception {
    LinuxProcessControl c = control(pidfd);
    ProcessIdentity id;
    try (Child child = Child.start("sleep", "60")) {
      id = child.awaitIdentity("sleep");
    } // ended and reaped by the JDK here
    SignalResult r = c.signal(id, Signal.TERM);
    if (r != SignalResult.GONE) {
      // Only if another process took the pid meanwhile; then it must not have been signalled.
      assertEquals(SignalResult.CHANGED, r);
      assumeTrue(false, "pid " + id.pid() + " was reused within the test");
    }
    assertEquals(Optional.empty(), c.identity(id.pid()));
    assertFalse(c.alive(id));
  }

  @ParameterizedTest(name = "pidfd={0}")
  @ValueSource(booleans = {true, false})
  void termIgnoredThenKill(boolean pidfd) throws Exception {
    LinuxProcessControl c = control(pidfd);
    // exec: the pid we hold is then sleep itself, with SIGTERM ignored (SIG_IGN survives exec).
    try (Child child = Child.start("sh", "-c", "trap '' TERM; exec sleep 60")) {
      ProcessIdentity id = child.awaitIdentity("sleep");
      assertEquals(SignalResult.SENT, c.signal(id, Signal.TERM));
      assertFalse(child.process.waitFor(300, TimeUnit.MILLISECONDS), "TERM is ignored");
      assertTrue(c.alive(id));
      assertEquals(SignalResult.SENT, c.signal(id, Signal.KILL));
      assertTrue(child.process.waitFor(10, TimeUnit.SECONDS));
      assertEquals(128 + 9, child.process.exitValue());
      assertFalse(c.alive(id));
    }
  }

  @ParameterizedTest(name = "pidfd={0}")
  @ValueSource(booleans = {true, false})
  void stopFreezesAndContResumes(boolean pidfd) throws Exception {
    LinuxProcessControl c = control(pidfd);
    try (Child child = Child.start("sleep", "60")) {
      ProcessIdentity id = child.awaitIdentity("sleep");
      assertEquals(SignalResult.SENT, c.signal(id, Signal.STOP));
      awaitState(id.pid(), 'T');
      assertTrue(c.alive(id), "stopped is not ended");
      assertEquals(SignalResult.SENT, c.signal(id, Signal.CONT));
      awaitState(id.pid(), 'S'); // running again: back to its sleep
      assertFalse(child.process.waitFor(100, TimeUnit.MILLISECONDS), "CONT does not end it");
    }
  }

  /** Waits (up to 10 s) until the stat state letter of {@code pid} is {@code want}. */
  private static void awaitState(int pid, char want) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    char last = '?';
    while (System.nanoTime() < deadline) {
      byte[] b = Files.readAllBytes(PROC.resolve(pid + "/stat"));
      last = ProcStat.parse(b, b.length).state();
      if (last == want) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("pid " + pid + " never reached state " + want + ", last " + last);
  }

  @ParameterizedTest(name = "pidfd={0}")
  @ValueSource(booleans = {true, false})
  void zombieHasAnIdentityButIsNotAlive(boolean pidfd) throws Exception {
    LinuxProcessControl c = control(pidfd);
    // sh starts "sleep 0" in the background, then becomes "sleep 30", which never waits: the
    // finished "sleep 0" stays a zombie child of our child.
    try (Child child = Child.start("sh", "-c", "sleep 0 & exec sleep 30")) {
      ProcessIdentity parent = child.awaitIdentity("sleep");
      ProcessInfo z = awaitZombieChildOf(child.pid());
      ProcessIdentity zid = new ProcessIdentity(z.pid(), z.startTimeMs(), z.name());
      assertEquals(Optional.of(zid), c.identity(z.pid()));
      assertFalse(c.alive(zid));
      assertTrue(c.alive(parent));
      // Signalling a zombie is harmless and the identity still matches: SENT, still a zombie.
      assertEquals(SignalResult.SENT, c.signal(zid, Signal.TERM));
      assertEquals(Optional.of(zid), c.identity(z.pid()));
      // SIGCHLD to the parent is how safe mode asks it to reap; sleep ignores it.
      assertEquals(SignalResult.SENT, c.signal(parent, Signal.CHLD));
      assertTrue(c.alive(parent));
    }
  }

  private static ProcessInfo awaitZombieChildOf(int ppid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<ProcessInfo> z = new io.procsweep.snapshot.ProcSnapshotSource().read(false)
          .processes().stream()
          .filter(p -> p.ppid() == ppid && p.state() == ProcState.ZOMBIE).findFirst();
      if (z.isPresent()) {
        return z.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no zombie child of " + ppid);
  }

  @ParameterizedTest(name = "pidfd={0}")
  @ValueSource(booleans = {true, false})
  void unreadableIdentityIsNotSignalled(boolean pidfd, @TempDir Path fake) throws Exception {
    try (Child child = Child.start("sleep", "60")) {
      ProcessIdentity id = child.awaitIdentity("sleep");
      // A /proc whose stat for this pid cannot be parsed: fail closed.
      Files.writeString(fake.resolve("stat"), "btime 1700000000\n");
      Files.createDirectories(fake.resolve(id.pid() + ""));
      Files.writeString(fake.resolve(id.pid() + "/stat"), "not a stat line");
      assertEquals(SignalResult.UNREADABLE,
          new LinuxProcessControl(fake, pidfd).signal(id, Signal.KILL));
      assertFalse(child.process.waitFor(200, TimeUnit.MILLISECONDS), "must still run");
    }
  }

  @ParameterizedTest(name = "pidfd={0}")
  @ValueSource(booleans = {true, false})
  void hiddenButRunningIsUnreadableNotGone(boolean pidfd, @TempDir Path fake) throws Exception {
    // As with /proc mounted hidepid=2: the pid has no directory, yet the kernel has the process.
    try (Child child = Child.start("sleep", "60")) {
      ProcessIdentity id = child.awaitIdentity("sleep");
      Files.writeString(fake.resolve("stat"), "btime 1700000000\n");
      assertEquals(SignalResult.UNREADABLE,
          new LinuxProcessControl(fake, pidfd).signal(id, Signal.KILL));
      assertFalse(child.process.waitFor(200, TimeUnit.MILLISECONDS), "must still run");
    }
  }

  @Test
  void identityEqualsTheSnapshotsToTheCharacter(@TempDir Path dir) throws Exception {
    LinuxProcessControl c = control(true);
    int self = (int) ProcessHandle.current().pid();
    assertEquals(Optional.of(Child.scanIdentity(self)), c.identity(self));
    // A name built to trip parsers: a ')' followed by what looks like state and ppid, and a
    // byte that is not UTF-8 (comm is bytes; both readers must escape it the same way). comm
    // is the basename of what was exec'd, so the child execs sleep through a symlink so named
    // (the kernel lets a process rename only itself through /proc/PID/comm).
    String script = "n=$(printf 'x) Z 1 \\303\\251\\377'); ln -s \"$(command -v sleep)\" \"$1/$n\""
        + " && exec \"$1/$n\" 60";
    try (Child child = Child.start("sh", "-c", script, "sh", dir.toString())) {
      String expected = "x) Z 1 \u00e9\\xff";
      ProcessIdentity scanned = awaitScannedName(child.pid(), expected);
      assertEquals(Optional.of(scanned), c.identity(child.pid()));
      assertEquals(SignalResult.SENT, c.signal(scanned, Signal.TERM));
      assertTrue(child.process.waitFor(10, TimeUnit.SECONDS));
    }
  }

  private static ProcessIdentity awaitScannedName(int pid, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ProcessIdentity last = null;
    while (System.nanoTime() < deadline) {
      last = Child.scanIdentity(pid);
      if (last.name().equals(name)) {
        return last;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("pid " + pid + " never got the name " + name + ", last " + last);
  }

  @Test
  void mechanisms() throws Exception {
    assertEquals("kill", control(false).mechanism());
    assertEquals(expectedMechanism(true), control(true).mechanism());
  }

  /** pidfd_open arrived in Linux 5.3. */
  private static String expectedMechanism(boolean allowPidfd) throws Exception {
    String[] v = Files.readString(PROC.resolve("sys/kernel/osrelease")).strip().split("[.-]");
    int major = Integer.parseInt(v[0]);
    boolean pidfdKernel = major > 5 || (major == 5 && Integer.parseInt(v[1]) >= 3);
    return allowPidfd && pidfdKernel ? "pidfd" : "kill";
  }

  @Test
  void threadIdIsNotAProcess() throws Exception {
    // pidfd_open refuses a thread id (EINVAL before 6.9, ENOENT after); the kill flow's check
    // then refuses too, on the Tgid. The thread is this test's own (CHLD: harmless anyway).
    LinuxProcessControl c = control(true);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Thread t = new Thread(() -> {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "psw-probe");
    t.start();
    try {
      int tid = awaitTid("psw-probe");
      ProcessIdentity jvm = Child.scanIdentity((int) ProcessHandle.current().pid());
      ProcessIdentity asThread = new ProcessIdentity(tid, jvm.startTimeMs(), jvm.name());
      assertEquals(SignalResult.THREAD, c.signal(asThread, Signal.CHLD));
      assertEquals(expectedMechanism(true), c.mechanism(), "a thread id leaves pidfds on");
    } finally {
      done.countDown();
      t.join();
    }
  }

  @ParameterizedTest(name = "pidfd={0}")
  @ValueSource(booleans = {true, false})
  void threadOfAFixtureIsNeverSignalledNorGivenAnIdentity(boolean pidfd) throws Exception {
    LinuxProcessControl c = control(pidfd);
    try (ThreadedFixture f = ThreadedFixture.start()) {
      assertEquals(f.pid(), ProcStatus.read(PROC, f.tid).tgid(), "the tid is a thread of it");
      // The thread's own identity, read from /proc/TID/stat as a naive reader would: before the
      // Tgid check this matched, and kill(2) on the tid ended the whole fixture.
      byte[] stat = Files.readAllBytes(PROC.resolve(f.tid + "/stat"));
      ProcStat st = ProcStat.parse(stat, stat.length);
      ProcessIdentity asThread = new ProcessIdentity(
          f.tid, new ProcClock(PROC).startTimeMs(st.startTicks()), st.name());
      assertEquals(Optional.empty(), c.identity(f.tid));
      assertFalse(c.alive(asThread));
      assertEquals(SignalResult.THREAD, c.signal(asThread, Signal.TERM));
      assertEquals(SignalResult.THREAD, c.signal(asThread, Signal.KILL));
      assertFalse(f.process.waitFor(300, TimeUnit.MILLISECONDS), "the fixture must still run");
      assertTrue(c.identity(f.pid()).isPresent(), "the process itself still has an identity");
      assertEquals(expectedMechanism(pidfd), c.mechanism(), "a thread id leaves pidfds on");
    }
  }

  /** The tid of this JVM's thread whose native name (HotSpot sets it from Java's) is given. */
  private static int awaitTid(String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (java.util.stream.Stream<Path> tasks = Files.list(PROC.resolve("self/task"))) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          try {
            if (Files.readString(task.resolve("comm")).strip().equals(name)) {
              return Integer.parseInt(task.getFileName().toString());
            }
          } catch (java.nio.file.NoSuchFileException e) {
            // thread ended while listing
          }
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no thread named " + name);
  }

  @Test
  void currentUidIsTheRealUid() throws Exception {
    long uid = new com.sun.security.auth.module.UnixSystem().getUid();
    assertEquals(Optional.of((int) uid), control(true).currentUid());
  }
}
