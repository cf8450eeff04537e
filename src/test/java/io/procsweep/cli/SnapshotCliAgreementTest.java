package io.procsweep.cli;

import io.procsweep.testing.Crowd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.snapshot.ProcState;
import io.procsweep.testing.Schemas;
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
 * {@code procsweep snapshot --format json} against procps and iproute2: every process that
 * {@code ps -eo pid,ppid,stat} shows identically before and after has the same ppid and state
 * in the snapshot, and every (port, pid) {@code ss -ltnp} shows both times is a listener in it.
 * A process that changes between the runs is racing, not disagreeing, so the comparison is
 * retried a few times before it counts as a failure.
 */
@EnabledOnOs(OS.LINUX)
class SnapshotCliAgreementTest {

  @Test
  void snapshotJsonAgreesWithPsAndSs() throws Exception {
    try (Crowd crowd = Crowd.start()) {
      compareWithPsAndSs();
    }
  }

  private void compareWithPsAndSs() throws Exception {
    try (ServerSocket own = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      List<String> problems = new ArrayList<>();
      int comparedProcs = 0;
      int comparedListeners = 0;
      for (int attempt = 0; attempt < 3; attempt++) {
        Map<Integer, String> psBefore = SystemTools.ps();
        Set<String> ssBefore = SystemTools.ssTcpHolders();
        MainTest.Run r = MainTest.run("snapshot", "--format", "json");
        Map<Integer, String> psAfter = SystemTools.ps();
        Set<String> ssAfter = SystemTools.ssTcpHolders();
        assertEquals(0, r.code(), r.err());
        JsonNode doc = Schemas.parse(r.out());
        assertEquals(Set.of(), Schemas.validate(Schemas.SNAPSHOT, doc));

        Map<Integer, String> snap = new HashMap<>();
        for (JsonNode p : doc.get("processes")) {
          snap.put(p.get("pid").asInt(), p.get("ppid").asInt() + " " + p.get("state").asText());
        }
        for (Map.Entry<Integer, String> e : psBefore.entrySet()) {
          e.setValue(asLabel(e.getValue()));
        }
        for (Map.Entry<Integer, String> e : psAfter.entrySet()) {
          e.setValue(asLabel(e.getValue()));
        }
        Set<String> listeners = new HashSet<>();
        for (JsonNode l : doc.get("listeners")) {
          if (l.get("protocol").asText().startsWith("tcp") && !l.get("pid").isNull()) {
            listeners.add(l.get("port").asInt() + "/" + l.get("pid").asInt());
          }
        }

        problems.clear();
        comparedProcs = 0;
        for (Map.Entry<Integer, String> e : psBefore.entrySet()) {
          if (!e.getValue().equals(psAfter.get(e.getKey()))) {
            continue; // changed or exited while we looked
          }
          comparedProcs++;
          if (!e.getValue().equals(snap.get(e.getKey()))) {
            problems.add("pid " + e.getKey() + ": ps " + e.getValue() + ", snapshot "
                + snap.get(e.getKey()));
          }
        }
        comparedListeners = 0;
        for (String pair : ssBefore) {
          if (ssAfter.contains(pair)) {
            comparedListeners++;
            if (!listeners.contains(pair)) {
              problems.add("ss has listener " + pair + ", snapshot has not");
            }
          }
        }
        for (String pair : listeners) {
          if (ssBefore.contains(pair) != ssAfter.contains(pair)) {
            continue;
          }
          if (!ssBefore.contains(pair)) {
            problems.add("snapshot has listener " + pair + ", ss has not");
          }
        }
        assertTrue(listeners.contains(own.getLocalPort() + "/" + ProcessHandle.current().pid()),
            "the test's own listener is in the snapshot: " + listeners);
        if (problems.isEmpty()) {
          break;
        }
      }
      assertEquals(List.of(), problems);
      assertTrue(comparedProcs > 10, "compared " + comparedProcs + " processes");
      assertTrue(comparedListeners >= 1, "compared " + comparedListeners + " listeners");
    }
  }

  /** "PPID S" from ps → "PPID sleeping", the state as procsweep spells it. */
  private static String asLabel(String psValue) {
    int space = psValue.indexOf(' ');
    return psValue.substring(0, space + 1)
        + ProcState.fromLinuxCode(psValue.charAt(space + 1)).label();
  }
}
