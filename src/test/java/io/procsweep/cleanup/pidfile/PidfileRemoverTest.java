package io.procsweep.cleanup.pidfile;

import static io.procsweep.cleanup.pidfile.PidFilesTest.deadPid;
import static io.procsweep.cleanup.pidfile.PidFilesTest.mkfifo;
import static io.procsweep.cleanup.pidfile.PidFilesTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.rules.PidfileGlob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Removal deletes exactly the planned file or nothing: real swaps between plan and removal. */
class PidfileRemoverTest {
  @TempDir Path base;

  private final PidfileRemover remover = new PidfileRemover(ProcessLookup.jdk());

  /** Plans like the CLI does: the one stale file the glob finds. */
  private StalePidfile plan(String pattern) {
    List<StalePidfile> stale = new PidFiles(ProcessLookup.jdk())
        .scan(List.of(PidfileGlob.of(pattern, base)), List.of()).stale();
    assertEquals(1, stale.size(), () -> "stale: " + stale);
    return stale.get(0);
  }

  @Test
  void removesThePlannedFile() throws Exception {
    Path dead = write(base, ".run/dead.pid", deadPid() + "\n");
    StalePidfile planned = plan(".run/*.pid");
    Removal r = remover.remove(planned);
    assertEquals(new Removal(Removal.Result.REMOVED, null, "deleted (stale-dead)"), r);
    assertFalse(Files.exists(dead));
    assertEquals(new Removal(Removal.Result.SKIPPED, "gone", "already deleted"),
        remover.remove(planned));
  }

  @Test
  void aRunDirectorySwappedForASymlinkIsRefusedAndItsTargetUntouched() throws Exception {
    int pid = deadPid();
    Path run = Files.createDirectories(base.resolve(".run"));
    write(base, ".run/app.pid", pid + "\n");
    // The file the attacker wants deleted: same name, also "stale", in another directory.
    Path victim = write(base, "root-only/app.pid", pid + "\n");
    StalePidfile planned = plan(".run/*.pid");

    Files.move(run, base.resolve(".run.old"));
    Files.createSymbolicLink(run, victim.getParent());

    Removal r = remover.remove(planned);
    assertEquals(Removal.Result.SKIPPED, r.result());
    assertEquals("changed", r.reason());
    assertEquals(run + ": symlink, not followed; left in place", r.message());
    assertTrue(Files.exists(victim), "the file the symlink points to is untouched");
    assertTrue(Files.exists(base.resolve(".run.old/app.pid")));
  }

  @Test
  void aRunDirectoryReplacedByAnotherDirectoryIsRefused() throws Exception {
    int pid = deadPid();
    Path run = Files.createDirectories(base.resolve(".run"));
    write(base, ".run/app.pid", pid + "\n");
    Path other = write(base, "other/app.pid", pid + "\n");
    StalePidfile planned = plan(".run/*.pid");

    Files.move(run, base.resolve(".run.old"));
    Files.move(other.getParent(), run);

    Removal r = remover.remove(planned);
    assertEquals(Removal.skipped("changed",
        "its directory was replaced since the plan; left in place"), r);
    assertTrue(Files.exists(run.resolve("app.pid")));
  }

  @Test
  void aFileReplacedSincePlanningIsRefused() throws Exception {
    int pid = deadPid();
    Path file = write(base, ".run/app.pid", pid + "\n");
    StalePidfile planned = plan(".run/*.pid");
    // Moved aside (kept, so the new file cannot get its inode number), then written anew.
    Files.move(file, base.resolve(".run/app.pid.old"));
    Files.writeString(file, pid + "\n");
    assertEquals(Removal.skipped("changed",
        "replaced by another file since the plan; left in place"), remover.remove(planned));
    assertTrue(Files.exists(file));
  }

  @Test
  void aPidFileRewrittenByALiveProcessIsRefused() throws Exception {
    Path file = write(base, ".run/app.pid", PidFilesTest.SELF + "\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(946_684_800_000L)); // stale-reused
    StalePidfile planned = plan(".run/*.pid");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    assertEquals(Removal.skipped("changed",
        "now live for pid " + PidFilesTest.SELF + "; left in place"), remover.remove(planned));
    assertTrue(Files.exists(file));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard: reading a FIFO would block
  void aFifoSwappedInIsNotReadAndNotRemoved() throws Exception {
    Path file = write(base, ".run/app.pid", deadPid() + "\n");
    StalePidfile planned = plan(".run/*.pid");
    Files.delete(file);
    mkfifo(file);
    Removal r = remover.remove(planned);
    assertEquals(Removal.Result.SKIPPED, r.result());
    assertEquals("changed", r.reason());
    assertTrue(Files.exists(file));
  }

  @Test
  void aPlanWithoutIdentitiesRemovesNothing() throws Exception {
    Path file = write(base, ".run/app.pid", deadPid() + "\n");
    StalePidfile bare = new StalePidfile(file, 5, PidfileState.STALE_DEAD, 0, "root");
    assertEquals(Removal.skipped("unverified",
        "the plan records no file identity or pid to check; left in place"),
        remover.remove(bare));
    assertTrue(Files.exists(file));
  }

  @Test
  void verifyLeavesTheUnlinkToTheCaller() throws Exception {
    Path file = write(base, ".run/app.pid", deadPid() + "\n");
    StalePidfile planned = plan(".run/*.pid");
    try (PidfileRemover.Verified v = remover.verify(planned)) {
      assertTrue(v.refusal().isEmpty());
      assertTrue(Files.exists(file), "nothing is deleted before unlink()");
      assertEquals(Removal.Result.REMOVED, v.unlink().result());
    }
    assertFalse(Files.exists(file));
  }
}
