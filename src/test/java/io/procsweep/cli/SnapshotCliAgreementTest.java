package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.snapshot.ProcState;
import io.procsweep.testing.Schemas;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern HOLDER = Pattern.compile("pid=(\\d+)");

  @Test
  void snapshotJsonAgreesWithPsAndSs() throws Exception {
    try (ServerSocket own = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      List<String> problems = new ArrayList<>();
      int comparedProcs = 0;
      int comparedListeners = 0;
      for (int attempt = 0; attempt < 3; attempt++) {
        Map<Integer, String> psBefore = ps();
        Set<String> ssBefore = ss();
        MainTest.Run r = MainTest.run("snapshot", "--format", "json");
        Map<Integer, String> psAfter = ps();
        Set<String> ssAfter = ss();
        assertEquals(0, r.code(), r.err());
        JsonNode doc = Schemas.parse(r.out());
        assertEquals(Set.of(), Schemas.validate(Schemas.SNAPSHOT, doc));

        Map<Integer, String> snap = new HashMap<>();
        for (JsonNode p : doc.get("processes")) {
          snap.put(p.get("pid").asInt(), p.get("ppid").asInt() + " " + p.get("state").asText());
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

  /** pid → "ppid state" with the state as procsweep spells it. */
  private static Map<Integer, String> ps() throws Exception {
    Map<Integer, String> out = new HashMap<>();
    for (String line : run("ps", "-eo", "pid=,ppid=,stat=")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3) {
        out.put(Integer.parseInt(f[0]),
            f[1] + " " + ProcState.fromLinuxCode(f[2].charAt(0)).label());
      }
    }
    return out;
  }

  /** "port/pid" for every holder of every listening TCP socket. */
  private static Set<String> ss() throws Exception {
    Set<String> out = new HashSet<>();
    for (String line : run("ss", "-Hltnp")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4) {
        continue;
      }
      String local = f[3];
      String port = local.substring(local.lastIndexOf(':') + 1);
      Matcher m = HOLDER.matcher(line);
      while (m.find()) {
        out.add(port + "/" + m.group(1));
      }
    }
    return out;
  }

  private static List<String> run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + text);
    }
    return text.lines().toList();
  }
}
