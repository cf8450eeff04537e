package io.procsweep.snapshot;

import io.procsweep.testing.Crowd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.procsweep.testing.SystemTools;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The proc backend agrees with procps {@code ps} and iproute2 {@code ss} on this machine. Each
 * tool runs before and after the snapshot; only what the tool saw identically both times is
 * held against the snapshot, since anything else may have changed while it was read.
 */
@EnabledOnOs(OS.LINUX)
class SystemToolsAgreementTest {

  @Test
  void agreesWithPs() throws Exception {
    try (Crowd crowd = Crowd.start()) {
      compareWithPs();
    }
  }

  private void compareWithPs() throws Exception {
    ProcSnapshotSource proc = new ProcSnapshotSource();
    List<String> problems = List.of();
    int compared = 0;
    // A busy process can go S→R→S between the runs; a real disagreement repeats, a race
    // does not. ppid and presence are checked in every attempt.
    for (int attempt = 0; attempt < 3 && (attempt == 0 || !problems.isEmpty()); attempt++) {
      Map<Integer, String> before = SystemTools.ps();
      Snapshot s = proc.read(false);
      Map<Integer, String> after = SystemTools.ps();
      Map<Integer, ProcessInfo> snap = new HashMap<>();
      s.processes().forEach(p -> snap.put(p.pid(), p));
      List<String> found = new ArrayList<>();
      compared = 0;
      for (Map.Entry<Integer, String> e : before.entrySet()) {
        if (!e.getValue().equals(after.get(e.getKey()))) {
          continue;
        }
        compared++;
        ProcessInfo p = snap.get(e.getKey());
        String[] ppidState = e.getValue().split(" ");
        if (p == null) {
          found.add(e.getKey() + " missing from the snapshot");
          continue;
        }
        if (p.ppid() != Integer.parseInt(ppidState[0])) {
          fail(e.getKey() + " ppid ps=" + ppidState[0] + " proc=" + p.ppid());
        }
        ProcState expected = ProcState.fromLinuxCode(ppidState[1].charAt(0));
        if (p.state() != expected) {
          found.add(e.getKey() + " (" + p.name() + ") state ps=" + ppidState[1] + " proc="
              + p.state());
        }
      }
      problems = found;
    }
    assertTrue(compared > 10, "only " + compared + " processes compared");
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void agreesWithSs() throws Exception {
    try (ServerSocket own = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      String mine = own.getLocalPort() + "/" + ProcessHandle.current().pid();
      String problem = null;
      // Other software on the machine may open and close a listener between the runs; a real
      // disagreement repeats, such a race does not.
      for (int attempt = 0; attempt < 3 && (attempt == 0 || problem != null); attempt++) {
        Set<String> before = SystemTools.ssTcpHolders();
        Snapshot s = new ProcSnapshotSource().read(true);
        Set<String> after = SystemTools.ssTcpHolders();

        Set<String> snap = new HashSet<>();
        for (Listener l : s.listeners()) {
          if (l.protocol().startsWith("tcp") && l.pid() != null) {
            snap.add(l.port() + "/" + l.pid());
          }
        }
        assertTrue(snap.contains(mine), "own listener " + mine + " not in " + snap);
        assertTrue(before.contains(mine) && after.contains(mine), "ss does not see " + mine);

        Set<String> stable = new HashSet<>(before);
        stable.retainAll(after);
        Set<String> missing = new HashSet<>(stable);
        missing.removeAll(snap);
        // Vice versa: a holder the snapshot names existed at some point between the ss runs.
        Set<String> seenBySs = new HashSet<>(before);
        seenBySs.addAll(after);
        Set<String> extra = new HashSet<>(snap);
        extra.removeAll(seenBySs);
        problem = missing.isEmpty() && extra.isEmpty() ? null
            : "ss listeners the snapshot lacks: " + missing + "; snapshot listeners ss never saw: "
                + extra;
      }
      assertEquals(null, problem);
    }
  }
}
