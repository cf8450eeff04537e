package io.procsweep.cleanup;

import static io.procsweep.cleanup.LiveRun.outcome;
import static io.procsweep.cleanup.LiveRun.pidsWithMarker;
import static io.procsweep.cleanup.LiveRun.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forced kill-tree against a tree that keeps growing: its root forks a child every 100 ms and
 * each child a grandchild, so the tree procsweep scanned is missing members by the time it
 * acts. Nothing of the tree may be left running, and what joined after the scan is named.
 */
@EnabledOnOs(OS.LINUX)
class KillTreeEscapeTest {
  private static final Pattern LATE = Pattern.compile("found after the scan: ([0-9, ]+)");

  @TempDir Path dir;

  @Test
  void aTreeForkingAfterTheScanLeavesNoMemberRunning() throws Exception {
    LiveRun run = new LiveRun(dir);
    Fixture f = Fixture.start("forking-orphan-tree", true);
    String marker = f.marker();
    try {
      int root = f.pid("orphan");
      Cli.Result r = run.clean("--mode", "forced", "--yes", "--grace", "2s",
          "--rules", run.subreaperRules().toString(), "--pid", String.valueOf(root),
          "--max-targets", "1000");

      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode out = outcome(r);
      JsonNode t = target(out, root);
      assertEquals("kill-tree", t.get("action").asText(), out.toString());
      assertEquals("terminated", t.get("status").asText(), out.toString());

      List<Integer> survivors = survivors(marker, f.reaperPid());
      assertEquals(List.of(), survivors, "members of the tree still running after a"
          + " successful kill-tree: " + out);

      // Frozen first: every SIGSTOP goes out before the first SIGTERM, the root's first.
      List<String> order = new ArrayList<>();
      Set<Integer> signalled = new LinkedHashSet<>();
      for (JsonNode s : t.get("signals")) {
        if (s.get("result").asText().equals("sent")) {
          order.add(s.get("signal").asText());
          signalled.add(s.get("pid").asInt());
        }
      }
      assertEquals(root, t.at("/signals/0/pid").asInt(), "top-down: the root is stopped first");
      assertEquals("SIGSTOP", order.get(0));
      assertTrue(order.lastIndexOf("SIGSTOP") < order.indexOf("SIGTERM"), order.toString());
      assertTrue(signalled.size() >= 3, "a real tree was signalled: " + signalled);

      Matcher m = LATE.matcher(t.get("message").asText());
      if (m.find()) {
        for (String pid : m.group(1).split(",\\s*")) {
          int late = Integer.parseInt(pid.trim());
          assertTrue(signalled.contains(late), "a member found after the scan was named but"
              + " not signalled: " + late + " in " + out);
        }
      }
    } finally {
      f.close();
      LiveRun.killByMarker(marker);
    }
  }

  /**
   * Live processes of the tree (the marker is on every one of them: they are forks of the
   * fixture) other than the fixture's own reaper, after giving the dying a moment.
   */
  private static List<Integer> survivors(String marker, long reaper) throws Exception {
    List<Integer> left = List.of();
    for (int i = 0; i < 100; i++) {
      left = new ArrayList<>(pidsWithMarker(marker));
      left.remove(Integer.valueOf((int) reaper));
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(50);
    }
    assertFalse(left.contains((int) ProcessHandle.current().pid()));
    return left;
  }
}
