package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * The proc backend agrees with procps {@code ps} and iproute2 {@code ss} on this machine. Each
 * tool runs before and after the snapshot; only what the tool saw identically both times is
 * held against the snapshot, since anything else may have changed while it was read.
 */
@EnabledOnOs(OS.LINUX)
class SystemToolsAgreementTest {
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  /** (ppid, state letter) per pid from {@code ps}. */
  private static Map<Integer, String> ps() throws Exception {
    Map<Integer, String> out = new HashMap<>();
    for (String line : run("ps", "-eo", "pid=,ppid=,stat=")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3) {
        out.put(Integer.parseInt(f[0]), f[1] + " " + f[2].charAt(0));
      }
    }
    return out;
  }

  @Test
  void agreesWithPs() throws Exception {
    ProcSnapshotSource proc = new ProcSnapshotSource();
    List<String> problems = List.of();
    int compared = 0;
    // A busy process can go S→R→S between the runs; a real disagreement repeats, a race
    // does not. ppid and presence are checked in every attempt.
    for (int attempt = 0; attempt < 3 && (attempt == 0 || !problems.isEmpty()); attempt++) {
      Map<Integer, String> before = ps();
      Snapshot s = proc.read(false);
      Map<Integer, String> after = ps();
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

  /** (port, pid) pairs of TCP listeners from {@code ss}; holders it cannot see are left out. */
  private static Set<String> ss() throws Exception {
    Set<String> out = new HashSet<>();
    for (String line : run("ss", "-Hltnp")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 5) {
        continue;
      }
      String local = f[3];
      String port = local.substring(local.lastIndexOf(':') + 1);
      Matcher m = PID.matcher(line);
      while (m.find()) {
        out.add(port + "/" + m.group(1));
      }
    }
    return out;
  }

  @Test
  void agreesWithSs() throws Exception {
    try (ServerSocket own = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      String mine = own.getLocalPort() + "/" + ProcessHandle.current().pid();
      String problem = null;
      // Other software on the machine may open and close a listener between the runs; a real
      // disagreement repeats, such a race does not.
      for (int attempt = 0; attempt < 3 && (attempt == 0 || problem != null); attempt++) {
        Set<String> before = ss();
        Snapshot s = new ProcSnapshotSource().read(true);
        Set<String> after = ss();

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

  private static List<String> run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out);
      }
      return out.lines().collect(java.util.stream.Collectors.toList());
    } finally {
      p.destroyForcibly();
    }
  }
}
