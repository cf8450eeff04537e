package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real uid of a read that skips {@code status} where the owner of {@code /proc/PID/stat}
 * gives it, on real processes of other users: the owner is the effective uid, so a process whose
 * effective uid is not its real one must still come out with its real uid.
 */
@EnabledOnOs(OS.LINUX)
class OwnerUidLiveTest {
  private static final ReadPlan UID_ONLY = ReadPlan.of(ReadPlan.Source.UID);

  private static void assumeRootWithSetpriv() {
    // Starting a process as another user needs root and setpriv (util-linux).
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
  }

  private static ProcessInfo read(ReadPlan plan, int pid) throws Exception {
    return new ProcSnapshotSource().read(plan).processes().stream()
        .filter(p -> p.pid() == pid).findFirst().orElseThrow();
  }

  /** Started through setpriv, which execs sleep in place: the pid is sleep's own. */
  private static Spawned started(String... setprivArgs) throws Exception {
    String[] cmd = new String[setprivArgs.length + 4];
    cmd[0] = "/usr/bin/setpriv";
    System.arraycopy(setprivArgs, 0, cmd, 1, setprivArgs.length);
    cmd[setprivArgs.length + 1] = "--clear-groups";
    cmd[setprivArgs.length + 2] = "sleep";
    cmd[setprivArgs.length + 3] = "60";
    Spawned s = Spawned.start(cmd);
    // Wait until setpriv has exec'd sleep (its comm says so), so the uids are the final ones.
    for (int i = 0; i < 500; i++) {
      String comm = Files.readString(Path.of("/proc/" + s.pid() + "/comm")).strip();
      if (comm.equals("sleep")) {
        return s;
      }
      Thread.sleep(10);
    }
    s.close();
    throw new AssertionError("setpriv did not exec sleep");
  }

  @Test
  void anotherUsersProcessHasItsUidWithOrWithoutStatus() throws Exception {
    assumeRootWithSetpriv();
    try (Spawned s = started("--reuid", "65534", "--regid", "65534")) {
      ProcessInfo narrow = read(UID_ONLY, s.pid());
      ProcessInfo full = read(ReadPlan.ALL, s.pid());
      assertEquals(65534, narrow.uid());
      assertEquals(full.uid(), narrow.uid());
      assertEquals(full.user(), narrow.user());
    }
  }

  @Test
  void aProcessWhoseEffectiveUidIsNotItsRealOneHasItsRealUid() throws Exception {
    assumeRootWithSetpriv();
    // Real uid 1000, effective 65534: /proc/PID itself is owned by 65534, and only the files
    // under it (root's: not dumpable) give away that 65534 is not the real uid.
    try (Spawned s = started("--ruid", "1000", "--euid", "65534", "--rgid", "1000",
        "--egid", "65534")) {
      assertEquals(65534, Files.getAttribute(Path.of("/proc/" + s.pid()), "unix:uid"),
          "the directory shows the effective uid");
      assertEquals(1000, read(UID_ONLY, s.pid()).uid());
      assertEquals(1000, read(ReadPlan.ALL, s.pid()).uid());
    }
  }

  @Test
  void theFirstSampleReadOfStatAloneHasNoOwnersAndNoFailures() throws Exception {
    Snapshot s = new ProcSnapshotSource().read(ReadPlan.STAT_ONLY);
    assertEquals(List.of(), s.unreadable().stream().filter(f -> !"stat".equals(f.what()))
        .toList());
    ProcessInfo self = s.processes().stream()
        .filter(p -> p.pid() == ProcessHandle.current().pid()).findFirst().orElseThrow();
    assertEquals(null, self.uid());
    assertEquals(List.of(), self.cmdline());
  }
}
