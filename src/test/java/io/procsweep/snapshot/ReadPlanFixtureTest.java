package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.procfs.DeadlineRead;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proc backend's narrower reads on a fake /proc tree: a plan's unread fields are null and
 * no failure; completing a process reads what the plan left out; a process in disk sleep whose
 * command line does not come back is reported, not waited for.
 */
@EnabledOnOs(OS.LINUX)
class ReadPlanFixtureTest {
  private static final long BTIME = 1_700_000_000L;
  private static final Instant NOW = Instant.parse("2023-11-14T23:00:00Z");

  @TempDir Path root;
  Path proc;
  FakeProc fake;
  Path passwd;




  private ProcSnapshotSource source() {
    return new ProcSnapshotSource(proc, passwd, root.resolve("no-os-release"),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @BeforeEach
  void tree() throws IOException {
    proc = root.resolve("proc");
    fake = new FakeProc(proc);
    passwd = root.resolve("passwd");
    Files.writeString(passwd, "alice:x:1000:1000::/home/alice:/bin/sh\n");
    fake.write("stat", "cpu 1 2 3\nbtime " + BTIME + "\n");
    fake.write("sys/kernel/hostname", "fixture-host\n");
    fake.write("sys/kernel/osrelease", "6.1.0-test\n");
    fake.write("100/stat", FakeProc.stat(100, "server", 'S', 1, 0x400000, 500));
    fake.write("100/status", "Name:\tserver\nTgid:\t100\nUid:\t1000\t1000\t1000\t1000\n"
        + "NSpid:\t100\t1\n");
    fake.write("100/cmdline", "server\0--port\0008080\0");
    fake.write("100/cgroup", "0::/user.slice/app.service\n");
    fake.write("100/environ", "CI_JOB_ID=77\0");
    fake.link("100/exe", "/usr/bin/server");
    fake.link("100/cwd", "/srv/app");
    fake.link("100/fd/0", "/dev/null");
    fake.link("100/fd/1", "pipe:[1]");
    fake.link("100/fd/2", "pipe:[1]");
    fake.link("100/ns/pid", "pid:[4026532201]");
    // 200: the same, but nothing besides stat and status can be read (another user's, say).
    fake.write("200/stat", FakeProc.stat(200, "hidden", 'S', 1, 0x400000, 600));
    fake.write("200/status", "Name:\thidden\nTgid:\t200\nUid:\t1000\t1000\t1000\t1000\n");
  }

  private static Map<Integer, ProcessInfo> byPid(Snapshot s) {
    return s.processes().stream()
        .collect(Collectors.toMap(ProcessInfo::pid, Function.identity()));
  }

  @Test
  void aNarrowPlanLeavesTheRestNullAndReportsNoFailureForIt() throws Exception {
    Snapshot s = source().read(ReadPlan.of(ReadPlan.Source.CMDLINE));
    ProcessInfo p = byPid(s).get(100);
    assertEquals(List.of("server", "--port", "8080"), p.cmdline());
    assertEquals(500 * 10 + BTIME * 1000, p.startTimeMs(), "stat is always read");
    assertNull(p.uid());
    assertNull(p.user());
    assertNull(p.exe());
    assertNull(p.cgroup());
    assertNull(p.cwd());
    assertNull(p.stdio());
    assertNull(p.pidNamespace());
    assertNull(p.nsPids());
    assertNull(p.ciMarkers());
    // 200 has no cmdline file: the only failure is the one source the plan asked for.
    assertEquals(List.of(new ReadFailure(200, "cmdline", "process exited")), s.unreadable());

    Snapshot statOnly = source().read(ReadPlan.STAT_ONLY);
    assertEquals(Set.of(100, 200), byPid(statOnly).keySet());
    assertEquals(List.of(), byPid(statOnly).get(100).cmdline());
    assertEquals(List.of(), statOnly.unreadable());
  }

  @Test
  void aFullReadAndAPlanOfEverythingAgree() throws Exception {
    assertEquals(byPid(source().read(false)), byPid(source().read(ReadPlan.all(false))));
    ProcessInfo p = byPid(source().read(false)).get(100);
    assertEquals(1000, p.uid());
    assertEquals("alice", p.user());
    assertEquals(List.of(100, 1), p.nsPids());
    assertEquals(Map.of("CI_JOB_ID", "77"), p.ciMarkers());
  }

  @Test
  void completingReadsWhatThePlanLeftOutAndKeepsWhatItRead() throws Exception {
    ReadPlan plan = ReadPlan.of(ReadPlan.Source.CMDLINE, ReadPlan.Source.CWD);
    ProcSnapshotSource src = source();
    Snapshot narrow = src.read(plan);
    // The working directory changes after the read: the completed process keeps the one the
    // rules were judged on.
    Files.delete(proc.resolve("100/cwd"));
    fake.link("100/cwd", "/elsewhere");
    Snapshot done = src.complete(narrow, plan, Set.of(100, 200));
    ProcessInfo full = byPid(src.read(false)).get(100);
    ProcessInfo p = byPid(done).get(100);
    assertEquals("/srv/app", p.cwd());
    assertEquals(new ProcessInfo(full.pid(), full.ppid(), full.name(), full.exe(), full.cmdline(),
        full.user(), full.uid(), full.state(), full.startTimeMs(), full.cpuUserMs(),
        full.cpuKernelMs(), full.rssBytes(), full.threads(), full.pgid(), full.sid(), full.tty(),
        full.cgroup(), full.kernelThread(), "/srv/app", full.stdio(), full.pidNamespace(),
        full.nsPids(), full.ciMarkers()), p);
    // What the completion could not read of 200 joins the failures, as a full read reports it.
    Set<String> missing200 = done.unreadable().stream().filter(f -> f.pid() == 200)
        .map(ReadFailure::what).collect(Collectors.toSet());
    assertTrue(missing200.containsAll(Set.of("exe", "cgroup")), "" + missing200);
    // Not asked for: untouched.
    assertEquals(byPid(narrow).get(200).cmdline(), byPid(done).get(200).cmdline());
  }

  @Test
  void completingAProcessWhosePidWasReusedLeavesItAsRead() throws Exception {
    ReadPlan plan = ReadPlan.of(ReadPlan.Source.CMDLINE);
    ProcSnapshotSource src = source();
    Snapshot narrow = src.read(plan);
    // the same pid, a new process
    fake.write("100/stat", FakeProc.stat(100, "server", 'S', 1, 0x400000, 999));
    Snapshot done = src.complete(narrow, plan, Set.of(100));
    assertEquals(byPid(narrow).get(100), byPid(done).get(100));
  }

  @Test
  void aProcessInDiskSleepWhoseCommandLineDoesNotComeBackIsReportedNotWaitedFor()
      throws Exception {
    // 300 is in disk sleep, and its cmdline is a FIFO nobody writes: opening it blocks for
    // real, as reading a D-state process's memory can.
    fake.write("300/stat", FakeProc.stat(300, "stuck", 'D', 1, 0x400000, 700));
    fake.write("300/status", "Name:\tstuck\nTgid:\t300\nUid:\t1000\t1000\t1000\t1000\n");
    Path fifo = proc.resolve("300/cmdline");
    new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    assertTrue(Files.exists(fifo), "mkfifo made the FIFO");
    try {
      Snapshot s = source().read(ReadPlan.of(ReadPlan.Source.CMDLINE));
      Map<Integer, ProcessInfo> ps = byPid(s);
      assertEquals(Set.of(100, 200, 300), ps.keySet(), "the scan completed with every process");
      assertEquals(List.of(), ps.get(300).cmdline());
      assertEquals(ProcState.DISK_SLEEP, ps.get(300).state());
      assertTrue(s.unreadable().contains(new ReadFailure(300, "cmdline",
          "process in disk sleep: read did not finish within " + DeadlineRead.DEADLINE_MS
              + " ms")), "" + s.unreadable());
    } finally {
      // Lets the reader left behind finish: opening for writing meets it and closes at once.
      try (OutputStream w = Files.newOutputStream(fifo)) {
        w.flush();
      }
    }
  }
}
