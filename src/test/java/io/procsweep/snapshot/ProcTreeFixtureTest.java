package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proc backend's acquisition logic on a fake /proc tree: which failures are reported, which
 * processes are dropped, how fd links become holders. (Symlinks need privileges on Windows.)
 */
@DisabledOnOs(OS.WINDOWS)
class ProcTreeFixtureTest {
  private static final long BTIME = 1_700_000_000L;
  private static final Instant NOW = Instant.parse("2023-11-14T23:00:00Z");

  @TempDir Path root;
  Path proc;
  FakeProc fake;
  Path passwd;




  @BeforeEach
  void tree() throws IOException {
    proc = root.resolve("proc");
    fake = new FakeProc(proc);
    passwd = root.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n");
    fake.write("stat", "cpu 1 2 3\nbtime " + BTIME + "\nprocesses 9\n");
    fake.write("sys/kernel/hostname", "fixture-host\n");
    fake.write("sys/kernel/osrelease", "6.1.0-test\n");
    fake.write("self/stat", "not a pid dir, must be ignored");
    fake.write("net/tcp", """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 555 1 0 100 0 0 10 0
           1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 556 1 0 100 0 0 10 0
        """);

    // 100: a complete user process holding socket 555 on two fds.
    fake.write("100/stat", FakeProc.stat(100, "server", 'S', 1, 0x400000, 500));
    fake.write("100/status", "Name:\tserver\nUid:\t1000\t1000\t1000\t1000\nNSpid:\t100\t1\n");
    fake.write("100/cmdline", "server\0--port\0008080\0");
    fake.write("100/cgroup", "0::/user.slice/app.service\n");
    fake.link("100/exe", "/usr/bin/server");
    fake.link("100/fd/3", "socket:[555]");
    fake.link("100/fd/4", "socket:[555]");
    fake.link("100/fd/5", "/dev/null");
    fake.link("100/fd/6", "socket:[999]");
    fake.link("100/fd/0", "/dev/null");
    fake.link("100/fd/2", "pipe:[4242]"); // fd 1 closed
    fake.link("100/cwd", "/srv/app");
    fake.link("100/ns/pid", "pid:[4026532201]");

    // 101: a kernel thread: no cmdline, no exe, and neither is a failure.
    fake.write("101/stat", FakeProc.stat(101, "kworker/0:1", 'I', 2, 0x04208060L, 3));
    fake.write("101/status", "Name:\tkworker/0:1\nUid:\t0\t0\t0\t0\n");
    fake.write("101/cgroup", "0::/\n");

    // 102: exited before its stat was read: dropped, not reported.
    Files.createDirectories(proc.resolve("102"));

    // 103: exited after its stat was read: kept, with what could not be read listed.
    fake.write("103/stat", FakeProc.stat(103, "brief", 'R', 100, 0x400000, 900));
    fake.write("103/status", "Name:\tbrief\nUid:\t4242\t4242\t4242\t4242\n");

    // 104: a zombie: no exe, empty cmdline, neither a failure.
    fake.write("104/stat", FakeProc.stat(104, "defunct", 'Z', 100, 0x400000, 700));
    fake.write("104/status", "Name:\tdefunct\nUid:\t1000\t1000\t1000\t1000\n");
    fake.write("104/cmdline", "");
    fake.write("104/cgroup", "0::/user.slice/app.service\n");
  }

  private Snapshot read(boolean listeners) throws SnapshotException {
    return new ProcSnapshotSource(proc, passwd, root.resolve("no-os-release"),
        Clock.fixed(NOW, ZoneOffset.UTC)).read(listeners);
  }

  @Test
  void onePidReadAgreesWithTheTableAndRefusesThreadsAndUnknownTgids() throws Exception {
    ProcSnapshotSource src = new ProcSnapshotSource(proc, passwd, root.resolve("no-os-release"),
        Clock.fixed(NOW, ZoneOffset.UTC));
    fake.write("100/status", "Name:\tserver\nTgid:\t100\nUid:\t1000\t1000\t1000\t1000\n");
    // 105: a thread of 100 (real /proc does not list it, but opens it).
    fake.write("105/stat", FakeProc.stat(105, "worker", 'S', 1, 0x400040, 510));
    fake.write("105/status", "Name:\tworker\nTgid:\t100\nUid:\t1000\t1000\t1000\t1000\n");
    Map<Integer, ProcessInfo> table = src.read(false).processes().stream()
        .collect(Collectors.toMap(ProcessInfo::pid, Function.identity()));
    assertEquals(table.get(100), src.readProcess(100).orElseThrow());
    assertFalse(table.containsKey(105), "a thread is not a process, even when listed");
    assertEquals(java.util.Optional.empty(), src.readProcess(105));
    // 103's status has no Tgid line: the table keeps it (listed, so a process), a one-pid read
    // cannot tell it from a thread and says nothing.
    assertTrue(table.containsKey(103));
    assertEquals(java.util.Optional.empty(), src.readProcess(103));
    assertEquals(java.util.Optional.empty(), src.readProcess(102), "exited");
    assertEquals(java.util.Optional.empty(), src.readProcess(999), "never existed");
  }

  @Test
  void readsProcessesAndReportsWhatIsMissing() throws Exception {
    Snapshot s = read(false);
    assertEquals(NOW, s.takenAt());
    assertEquals(new HostInfo("fixture-host", "Linux", "6.1.0-test", BTIME * 1000,
        Runtime.getRuntime().availableProcessors()), s.host());
    Map<Integer, ProcessInfo> byPid = s.processes().stream()
        .collect(Collectors.toMap(ProcessInfo::pid, Function.identity()));
    assertEquals(List.of(100, 101, 103, 104),
        s.processes().stream().map(ProcessInfo::pid).collect(Collectors.toList()));

    ProcessInfo server = byPid.get(100);
    assertEquals(new ProcessInfo(100, 1, "server", "/usr/bin/server",
        List.of("server", "--port", "8080"), "alice", 1000, ProcState.SLEEPING,
        BTIME * 1000 + 5000, 2500, 500, 3L * 4096, 2, 100, 100, "pts/0",
        "/user.slice/app.service", false, "/srv/app", List.of("null", "closed", "pipe"),
        4026532201L, List.of(100, 1)), server);

    ProcessInfo kworker = byPid.get(101);
    assertTrue(kworker.kernelThread());
    assertEquals(ProcState.IDLE, kworker.state());
    assertEquals(List.of(), kworker.cmdline());
    assertNull(kworker.exe());
    assertEquals("root", kworker.user());

    ProcessInfo brief = byPid.get(103);
    assertEquals("4242", brief.user(), "unknown uid falls back to the number");
    assertNull(brief.exe());
    assertNull(brief.cgroup());
    assertEquals(List.of(), brief.cmdline());
    // No fd directory, cwd or ns link: it exited during the read, which is no failure.
    assertNull(brief.stdio());
    assertNull(brief.cwd());
    assertNull(brief.pidNamespace());
    assertNull(kworker.stdio(), "a kernel thread has no stdio of its own");
    assertNull(kworker.cwd());

    assertEquals(ProcState.ZOMBIE, byPid.get(104).state());
    assertNull(byPid.get(104).exe());

    assertEquals(List.of(
            new ReadFailure(103, "cmdline", "process exited"),
            new ReadFailure(103, "exe", "process exited"),
            new ReadFailure(103, "cgroup", "process exited")),
        s.unreadable());
    assertTrue(s.listeners().isEmpty());
  }

  @Test
  void environYieldsOnlyTheCiMarkersAndAnUnreadableOneIsListed() throws Exception {
    fake.write("100/environ", "HOME=/home/alice\0AWS_SECRET_ACCESS_KEY=hush\0"
        + "RUNNER_TRACKING_ID=github_41a\0");
    fake.write("104/environ", "CI_JOB_ID=5\0"); // a zombie's is not read
    Files.createDirectories(proc.resolve("101/environ")); // read() fails: "Is a directory"
    Snapshot s = read(false);
    Map<Integer, ProcessInfo> byPid = s.processes().stream()
        .collect(Collectors.toMap(ProcessInfo::pid, Function.identity()));
    assertEquals(Map.of("RUNNER_TRACKING_ID", "github_41a"), byPid.get(100).ciMarkers());
    assertNull(byPid.get(104).ciMarkers());
    assertNull(byPid.get(101).ciMarkers(), "a kernel thread's is not read");
    assertNull(byPid.get(103).ciMarkers(), "gone: unknown, and no failure");
    assertFalse(s.unreadable().stream().anyMatch(f -> f.what().equals("environ")));

    fake.write("103/cmdline", "brief\0");
    Files.createDirectories(proc.resolve("103/environ"));
    Snapshot again = read(false);
    assertTrue(again.unreadable().stream().anyMatch(f -> f.pid() == 103
        && f.what().equals("environ")), again.unreadable().toString());
  }

  @Test
  void listenersNameEveryHolderOnce() throws Exception {
    Snapshot s = read(true);
    assertEquals(List.of(
            new Listener("tcp", "127.0.0.1", 22, null, 556L),
            new Listener("tcp", "0.0.0.0", 8080, 100, 555L)),
        s.listeners());
    assertFalse(s.unreadable().stream().anyMatch(f -> f.what().equals("fd")));
  }

  @Test
  void aLargeTableReadInParallelChunksKeepsPidOrderHoldersAndFailures() throws Exception {
    // Enough processes for PidChunks to read them on every core, with gaps (exited before
    // their stat), an unreadable cmdline now and then, and every third holding socket 555.
    int first = 1000;
    int count = PidChunks.PARALLEL_FROM * 2 + 37;
    List<Integer> expectedPids = new java.util.ArrayList<>(List.of(100, 101, 103, 104));
    List<Integer> expectedHolders = new java.util.ArrayList<>(List.of(100));
    List<ReadFailure> expectedFailures = new java.util.ArrayList<>(List.of(
        new ReadFailure(103, "cmdline", "process exited"),
        new ReadFailure(103, "exe", "process exited"),
        new ReadFailure(103, "cgroup", "process exited")));
    for (int pid = first; pid < first + count; pid++) {
      if (pid % 10 == 7) {
        Files.createDirectories(proc.resolve(Integer.toString(pid))); // gone before stat
        continue;
      }
      fake.write(pid + "/stat", FakeProc.stat(pid, "w" + pid, 'S', 100, 0x400000, 600));
      fake.write(pid + "/status", "Name:\tw" + pid + "\nUid:\t1000\t1000\t1000\t1000\n");
      if (pid % 10 == 3) {
        expectedFailures.add(new ReadFailure(pid, "cmdline", "process exited"));
      } else {
        fake.write(pid + "/cmdline", "worker\0" + pid + "\0");
      }
      fake.write(pid + "/cgroup", "0::/user.slice\n");
      fake.link(pid + "/exe", "/usr/bin/worker");
      if (pid % 3 == 0) {
        fake.link(pid + "/fd/3", "socket:[555]");
        expectedHolders.add(pid);
      }
      expectedPids.add(pid);
    }

    Snapshot s = read(true);

    assertEquals(expectedPids, s.processes().stream().map(ProcessInfo::pid).toList());
    for (ProcessInfo p : s.processes()) {
      if (p.pid() >= first) {
        assertEquals("w" + p.pid(), p.name());
        assertEquals("alice", p.user());
        assertEquals(p.pid() % 10 == 3 ? List.of() : List.of("worker", "" + p.pid()),
            p.cmdline(), "cmdline of " + p.pid());
      }
    }
    assertEquals(expectedHolders, s.listeners().stream()
        .filter(l -> l.inode() == 555L).map(Listener::pid).toList());
    assertEquals(expectedFailures, s.unreadable());
  }

  @Test
  void unlistableProcIsASnapshotException() {
    ProcSnapshotSource broken = new ProcSnapshotSource(root.resolve("nothing"), passwd,
        root.resolve("no-os-release"), Clock.systemUTC());
    assertThrows(SnapshotException.class, () -> broken.read(false));
  }

  @Test
  void pidNames() {
    assertEquals(1, ProcSnapshotSource.parsePid("1"));
    assertEquals(4194304, ProcSnapshotSource.parsePid("4194304"));
    assertEquals(-1, ProcSnapshotSource.parsePid("self"));
    assertEquals(-1, ProcSnapshotSource.parsePid("thread-self"));
    assertEquals(-1, ProcSnapshotSource.parsePid(""));
    assertEquals(-1, ProcSnapshotSource.parsePid("99999999999"));
  }
}
