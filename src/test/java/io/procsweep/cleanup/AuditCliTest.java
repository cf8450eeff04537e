package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clean} refuses an audit log it cannot trust before it signals anything: a planted
 * symlink on the log's path, or a FIFO as the log. Runs are scoped to one fixture's marker.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
class AuditCliTest {
  @TempDir Path dir;

  private static boolean alive(int pid) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String s = Files.readString(stat);
    char state = s.charAt(s.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  private Cli.Result clean(Fixture f, Path audit) throws Exception {
    Path rules = Files.writeString(dir.resolve("subreaper.yaml"),
        "version: 1\nsubreapers: [psweep-reaper]\n");
    return Cli.run(dir, "clean", "--sample", "0", "--format", "json", "--mode", "safe",
        "--yes", "--grace", "1s", "--rules", rules.toString(), "--match", f.marker(),
        "--audit", audit.toString());
  }

  @Test
  void aSymlinkPlantedOnTheAuditPathStopsCleanBeforeAnySignal() throws Exception {
    Path victimDir = Files.createDirectories(dir.resolve("root-only"));
    Path victim = Files.writeString(victimDir.resolve("audit.jsonl"), "precious\n");
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.createSymbolicLink(shared.resolve("logs"), victimDir);
    try (Fixture f = Fixture.start("orphan", true)) {
      int orphan = f.pid("orphan");
      Cli.Result r = clean(f, shared.resolve("logs/audit.jsonl"));
      assertEquals(2, r.code(), r.err() + r.out());
      List<String> err = r.err().lines().toList();
      assertEquals(1, err.size(), r.err());
      assertTrue(err.get(0).startsWith("procsweep: cannot open the audit log "), r.err());
      assertTrue(err.get(0).endsWith("logs: symlink, not followed"), r.err());
      assertTrue(alive(orphan), "nothing signalled without an audit log");
      assertEquals("precious\n", Files.readString(victim));

      // The same run with a trustworthy log does end the orphan: the refusal above mattered.
      Path good = dir.resolve("logs/audit.jsonl");
      Cli.Result ok = clean(f, good);
      assertEquals(0, ok.code(), ok.err() + ok.out());
      for (int i = 0; i < 100 && alive(orphan); i++) {
        Thread.sleep(50);
      }
      assertFalse(alive(orphan));
      assertTrue(Files.readAllLines(good).stream()
          .anyMatch(l -> l.contains("\"pid\":" + orphan)), Files.readString(good));
    }
  }

  @Test
  void aFifoAsTheAuditLogFailsAtOnceAndSignalsNothing() throws Exception {
    Path fifo = dir.resolve("audit.jsonl");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
    try (Fixture f = Fixture.start("orphan", true)) {
      int orphan = f.pid("orphan");
      Cli.Result r = clean(f, fifo);
      assertEquals(2, r.code(), r.err() + r.out());
      assertTrue(r.err().contains("not a regular file"), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertTrue(alive(orphan), "nothing signalled without an audit log");
    }
  }
}
