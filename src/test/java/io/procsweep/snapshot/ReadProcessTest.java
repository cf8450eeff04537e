package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.testing.ThreadedFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SnapshotSource#readProcess} of both backends against a full read of the same source,
 * on a fixture process with a second thread (so a real thread id exists to be refused).
 */
@EnabledOnOs(OS.LINUX)
class ReadProcessTest {

  private static SnapshotSource source(String backend) {
    return backend.equals("proc") ? new ProcSnapshotSource() : new OshiSnapshotSource();
  }

  /**
   * CPU times, resident memory and the run state (running a moment ago, sleeping now) move
   * between two reads of a live process; everything else must agree.
   */
  private static ProcessInfo withoutCpu(ProcessInfo p) {
    return new ProcessInfo(p.pid(), p.ppid(), p.name(), p.exe(), p.cmdline(), p.user(), p.uid(),
        ProcState.OTHER, p.startTimeMs(), 0, 0, null, p.threads(), p.pgid(), p.sid(), p.tty(),
        p.cgroup(), p.kernelThread());
  }

  @ParameterizedTest
  @ValueSource(strings = {"proc", "oshi"})
  void onePidReadsAsTheFullReadDoes(String backend) throws Exception {
    SnapshotSource src = source(backend);
    try (ThreadedFixture f = ThreadedFixture.start()) {
      ProcessInfo full = src.read(false).processes().stream()
          .filter(p -> p.pid() == f.pid()).findFirst()
          .orElseThrow(() -> new AssertionError("fixture not in a full read"));
      Optional<ProcessInfo> one = src.readProcess(f.pid());
      assertTrue(one.isPresent());
      assertEquals(withoutCpu(full), withoutCpu(one.get()));
      assertEquals(2, one.get().threads(), "the fixture's second thread is counted, not listed");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"proc", "oshi"})
  void aThreadIdIsNoProcess(String backend) throws Exception {
    SnapshotSource src = source(backend);
    try (ThreadedFixture f = ThreadedFixture.start()) {
      assertTrue(Files.exists(Path.of("/proc/" + f.tid + "/stat")),
          "/proc answers for the thread id, so the check below is a real one");
      assertEquals(Optional.empty(), src.readProcess(f.tid));
      assertTrue(src.readProcess(f.pid()).isPresent(), "while its process reads fine");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"proc", "oshi"})
  void aPidNoProcessHasIsEmpty(String backend) throws Exception {
    SnapshotSource src = source(backend);
    // PID_MAX_LIMIT is 2^22 on 64-bit Linux (pid_max cannot be set higher): no process can
    // have a pid above it.
    int never = (1 << 22) + 1;
    assertTrue(Files.notExists(Path.of("/proc/" + never)));
    assertEquals(Optional.empty(), src.readProcess(never));
    assertEquals(Optional.empty(), src.readProcess(0));
    assertEquals(Optional.empty(), src.readProcess(-1));
  }
}
