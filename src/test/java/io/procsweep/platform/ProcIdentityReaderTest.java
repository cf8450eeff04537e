package io.procsweep.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /proc identity read against fixture trees. */
class ProcIdentityReaderTest {
  private static final String STAT_TAIL =
      " 1 77 77 0 -1 4194560 89 0 0 0 3 1 0 0 20 0 1 0 123456 5623808 201 0\n";

  @TempDir Path proc;

  private void write(String rel, String text) throws Exception {
    Path p = proc.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** A stat line and a status naming {@code tgid} as the task's process. */
  private void task(int pid, int tgid, String stat) throws Exception {
    write(pid + "/stat", stat);
    write(pid + "/status", "Name:\tx\nTgid:\t" + tgid + "\nPid:\t" + pid + "\nUid:\t0\t0\t0\t0\n");
  }

  @Test
  void startTimeIsBtimePlusTicks() throws Exception {
    write("stat", "cpu  1 2 3\nbtime 1700000000\nprocesses 9\n");
    task(77, 77, "77 (worker) S" + STAT_TAIL);
    // No self/auxv in the fixture: 100 ticks per second, the snapshot's default too.
    Observed seen = new ProcIdentityReader(proc).observe(77);
    assertEquals(Observed.found(
        new ProcessIdentity(77, 1_700_000_000_000L + 123456 * 10L, "worker"), false), seen);
  }

  @Test
  void zombieIsFoundButEnded() throws Exception {
    write("stat", "btime 1700000000\n");
    task(78, 78, "78 (defunct) Z" + STAT_TAIL);
    Observed seen = new ProcIdentityReader(proc).observe(78);
    assertEquals(Observed.Kind.FOUND, seen.kind());
    assertEquals(true, seen.ended());
  }

  @Test
  void missingIsGoneAndBrokenIsUnreadable() throws Exception {
    write("stat", "btime 1700000000\n");
    write("79/stat", "garbage");
    ProcIdentityReader r = new ProcIdentityReader(proc);
    assertEquals(Observed.Kind.GONE, r.observe(80).kind());
    assertEquals(Observed.Kind.GONE, r.observe(0).kind());
    assertEquals(Observed.Kind.UNREADABLE, r.observe(79).kind());
  }

  @Test
  void aThreadIdIsAThreadNotAProcess() throws Exception {
    write("stat", "btime 1700000000\n");
    task(81, 77, "81 (worker) S" + STAT_TAIL);
    Observed seen = new ProcIdentityReader(proc).observe(81);
    assertEquals(Observed.thread(77), seen);
    assertEquals(java.util.Optional.empty(), seen.asIdentity());
    assertEquals(java.util.Optional.of(SignalResult.THREAD),
        IdentityCheck.refusal(new ProcessIdentity(81, 1_700_001_234_560L, "worker"), seen));
  }

  @Test
  void statusWithoutTgidOrMissingFailsClosed() throws Exception {
    write("stat", "btime 1700000000\n");
    write("82/stat", "82 (worker) S" + STAT_TAIL);
    ProcIdentityReader r = new ProcIdentityReader(proc);
    assertEquals(Observed.Kind.GONE, r.observe(82).kind(), "status vanished: it exited");
    write("82/status", "Name:\tworker\nUid:\t0\t0\t0\t0\n");
    assertEquals(Observed.unreadable("status: no Tgid line"), r.observe(82));
  }

  @Test
  void noBtimeMeansUnreadableNotAMadeUpTime() throws Exception {
    write("stat", "cpu 1 2 3\n");
    write("77/stat", "77 (worker) S" + STAT_TAIL);
    assertEquals(Observed.Kind.UNREADABLE, new ProcIdentityReader(proc).observe(77).kind());
  }

  @Test
  void selfUidFromStatus() throws Exception {
    write("self/status", "Name:\tjava\nUid:\t1000\t1001\t1002\t1003\nGid:\t5\n");
    assertEquals(1000, new ProcIdentityReader(proc).selfUid());
  }
}
