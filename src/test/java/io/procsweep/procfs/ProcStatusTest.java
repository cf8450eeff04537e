package io.procsweep.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatusTest {
  /** A thread of sshd 812: Pid is the thread id, Tgid the process. */
  private static final String THREAD = """
      Name:\tsshd
      Umask:\t0022
      State:\tS (sleeping)
      Tgid:\t812
      Ngid:\t0
      Pid:\t815
      PPid:\t1
      TracerPid:\t0
      Uid:\t1000\t0\t0\t0
      Gid:\t1000\t1000\t1000\t1000
      NStgid:\t812
      NSpid:\t815
      """;

  private static ProcStatus parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return ProcStatus.parse(b, b.length);
  }

  @Test
  void realUidAndThreadGroup() {
    ProcStatus st = parse(THREAD);
    assertEquals(new ProcStatus(1000, 812, List.of(815)), st);
    assertFalse(st.isProcess(815));
    assertTrue(st.isProcess(812));
  }

  @Test
  void missingLinesAreNullAndNotAProcess() {
    ProcStatus none = parse("Name:\tx\nGid:\t0\t0\t0\t0\nNStgid:\t5\n");
    assertNull(none.uid());
    assertNull(none.tgid(), "NStgid is not Tgid");
    assertFalse(none.isProcess(5));
    // "Uid:" must start a line, not appear inside another one.
    assertNull(parse("Name:\tUid: 5\n").uid());
    assertNull(parse("Tgid:\t99999999999\n").tgid());
  }

  @Test
  void nsPidListsThePidInEveryNamespaceOutermostFirst() {
    // tini as pid 1 of `unshare --pid --fork`, read from the host: host pid, then its own.
    assertEquals(List.of(4711, 1), parse("Tgid:\t4711\nNSpid:\t4711\t1\nNSpgid:\t4711\t1\n")
        .nsPids());
    assertEquals(List.of(9, 52, 3), parse("NSpid:\t9\t52\t3\n").nsPids(), "nested twice");
    assertEquals(List.of(815), parse(THREAD).nsPids(), "the host's own namespace: one entry");
    assertNull(parse("Tgid:\t5\n").nsPids(), "kernels before 4.1 have no NSpid line");
    assertNull(parse("NSpid:\n").nsPids(), "an empty line is no pid");
    assertNull(parse("NSpid:\t5\tx\n").nsPids(), "a line that is not all numbers is unknown");
    assertNull(parse("NSpid:\t5\t99999999999\n").nsPids());
    assertNull(parse("NSpgid:\t5\t1\n").nsPids(), "NSpgid is not NSpid");
  }

  @Test
  void onlyTheGivenLengthIsRead() {
    byte[] b = "Tgid:\t7\nUid:\t0\t0\t0\t0\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(new ProcStatus(null, 7), ProcStatus.parse(b, 8));
  }

  @Test
  void readsTheFileUnderTheGivenRoot(@TempDir Path proc) throws IOException {
    Files.createDirectories(proc.resolve("815"));
    Files.writeString(proc.resolve("815/status"), THREAD);
    assertEquals(new ProcStatus(1000, 812, List.of(815)), ProcStatus.read(proc, 815));
    IOException gone = assertThrows(IOException.class, () -> ProcStatus.read(proc, 816));
    assertTrue(ProcReader.isGone(gone));
  }
}
