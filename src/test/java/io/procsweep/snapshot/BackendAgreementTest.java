package io.procsweep.snapshot;

import io.procsweep.testing.Crowd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Both backends on the same machine agree on the fields they share. proc is read before and
 * after OSHI so that a process which changed during the test can be told apart from a real
 * disagreement.
 */
@EnabledOnOs(OS.LINUX)
class BackendAgreementTest {

  /**
   * Start times: zero tolerance once each backend's boot reference is accounted for. Both
   * compute boot time (whole seconds, /proc/stat btime) × 1000 + start ticks × 1000 / USER_HZ;
   * measured difference on the development VM: 0 ms for every process. The one way they can
   * differ is the boot reference: OSHI reads btime once per JVM, we read it once per source,
   * and btime is recomputed by the kernel on each read (wall clock minus uptime, truncated), so
   * a clock adjustment between the two can move it by a whole second. The offset is therefore
   * taken from the two snapshots' host boot times rather than allowed as slack: a tolerance of
   * 1000 ms would hide a real off-by-one-tick error.
   */
  private static final long START_TOLERANCE_MS = 0;

  @Test
  void procAndOshiAgree() throws Exception {
    try (Crowd crowd = Crowd.start()) {
      compareBackends();
    }
  }

  private void compareBackends() throws Exception {
    ProcSnapshotSource proc = new ProcSnapshotSource();
    OshiSnapshotSource oshi = new OshiSnapshotSource();
    List<String> problems = List.of();
    int compared = 0;
    // State can legitimately flip between reads without the two proc reads seeing it (S, R, S);
    // a real disagreement repeats, a race does not.
    for (int attempt = 0; attempt < 3; attempt++) {
      Snapshot before = proc.read(false);
      Snapshot viaOshi = oshi.read(false);
      Snapshot after = proc.read(false);
      long bootOffset = viaOshi.host().bootTimeMs() - before.host().bootTimeMs();
      assertTrue(bootOffset == 0 || Math.abs(bootOffset) == 1000, "boot offset " + bootOffset);

      Map<Integer, ProcessInfo> p1 = byPid(before);
      Map<Integer, ProcessInfo> p2 = byPid(after);
      List<String> found = new ArrayList<>();
      compared = 0;
      for (ProcessInfo o : viaOshi.processes()) {
        ProcessInfo a = p1.get(o.pid());
        ProcessInfo b = p2.get(o.pid());
        if (a == null || b == null || a.startTimeMs() != b.startTimeMs()) {
          continue; // started or exited during the test, or the pid was reused
        }
        compared++;
        String who = o.pid() + " (" + a.name() + ")";
        if (o.ppid() != a.ppid() && o.ppid() != b.ppid()) {
          found.add(who + " ppid oshi=" + o.ppid() + " proc=" + a.ppid());
        }
        if (!java.util.Objects.equals(o.uid(), a.uid())) {
          found.add(who + " uid oshi=" + o.uid() + " proc=" + a.uid());
        }
        long diff = o.startTimeMs() - a.startTimeMs() - bootOffset;
        if (Math.abs(diff) > START_TOLERANCE_MS) {
          found.add(who + " start oshi=" + o.startTimeMs() + " proc=" + a.startTimeMs());
        }
        if (a.state() == b.state() && o.state() != a.state()) {
          found.add(who + " state oshi=" + o.state() + " proc=" + a.state());
        }
        // Names change too: a kworker's carries its current workqueue, exec renames. As with
        // state, only a name both proc reads agree on is compared.
        if (a.name().equals(b.name()) && !o.name().equals(a.name())
            && !a.name().contains("\n") && !a.name().contains("\\")) {
          // (status escapes \n and \\ in names, stat does not)
          found.add(who + " name oshi=" + o.name());
        }
        if (o.kernelThread() != a.kernelThread()) {
          found.add(who + " kernelThread oshi=" + o.kernelThread());
        }
      }
      problems = found;
      if (found.isEmpty()) {
        break;
      }
    }
    assertTrue(compared > 10, "only " + compared + " processes compared");
    if (!problems.isEmpty()) {
      fail("backends disagree on " + problems.size() + " of " + compared + ":\n"
          + String.join("\n", problems));
    }
  }

  @Test
  void oshiSeesOwnListenerAndProcess() throws Exception {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      Snapshot o = new OshiSnapshotSource().read(true);
      int self = (int) ProcessHandle.current().pid();
      assertEquals("oshi", o.backend());
      assertTrue(o.listeners().stream().anyMatch(l -> l.port() == s.getLocalPort()
          && l.protocol().startsWith("tcp") && Integer.valueOf(self).equals(l.pid())),
          o.listeners().toString());
      ProcessInfo me = o.processes().stream().filter(p -> p.pid() == self).findFirst()
          .orElseThrow();
      assertEquals(System.getProperty("user.name"), me.user());
      assertTrue(me.threads() > 1);
      // What OSHI cannot tell stays unknown rather than zero.
      assertEquals(null, me.pgid());
      assertEquals(null, me.tty());
      assertEquals(null, me.cgroup());
    }
  }

  private static Map<Integer, ProcessInfo> byPid(Snapshot s) {
    return s.processes().stream()
        .collect(Collectors.toMap(ProcessInfo::pid, Function.identity()));
  }
}
