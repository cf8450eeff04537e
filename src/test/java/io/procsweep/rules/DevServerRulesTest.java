package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.facts.ProcessFacts;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.testing.Procs;
import io.procsweep.testing.TestRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped dev-servers.yaml on hand-built snapshots: every process below is an orphan of a
 * closed terminal (reparented to init, in a session whose leader is gone, no tty), so only its
 * command line and ports decide whether it is a development server.
 */
class DevServerRulesTest {
  private static final int SID = 4000; // the closed terminal's session; its leader is gone

  /** An orphan of the closed terminal with this command line. */
  private static ProcessInfo orphan(int pid, String... args) {
    String exe = args[0].startsWith("/") ? args[0] : "/usr/bin/" + args[0];
    String name = exe.substring(exe.lastIndexOf('/') + 1);
    return new ProcessInfo(pid, 1, name, exe, List.of(args), "alice", 1000, ProcState.SLEEPING,
        Procs.NOW.toEpochMilli() - 600_000, 100, 50, 4096L, 1, pid, SID, null,
        "/user.slice/user-1000.slice/session-1.scope", false, "/home/alice/app",
        List.of("pipe", "pipe", "pipe"), null, null); // started from a shell in the project
  }

  /** Pid → every shipped rule that matches it. */
  private static Map<Integer, Set<String>> matches(List<ProcessInfo> orphans,
      List<Listener> listeners) throws Exception {
    RuleSet rules = TestRules.shippedPlus();
    List<ProcessInfo> all = new ArrayList<>(orphans);
    all.add(Procs.proc(1, 0, "systemd", 1, 86_000));
    List<ProcessFacts> facts = new FactDeriver(FactRegistry.standard(),
        Set.copyOf(rules.subreapers()), "linux").derive(Procs.snapshot(all, listeners), null);
    Map<Integer, Set<String>> out = new TreeMap<>();
    for (ProcessFacts f : facts) {
      for (Rule r : rules.rules()) {
        if (r.matches(f)) {
          out.computeIfAbsent(f.process().pid(), k -> new TreeSet<>()).add(r.id());
        }
      }
    }
    return out;
  }

  private static boolean devServer(Map<Integer, Set<String>> m, int pid) {
    return m.getOrDefault(pid, Set.of()).contains("orphaned-dev-server");
  }

  @Test
  void nodeIsADevServerOnlyWithADevServerToolOrOnAWatchedPort() throws Exception {
    Map<Integer, String> expectNot = Map.of(
        101, "node server.js",
        102, "node /srv/next/server.js", // a folder of the app's own called next
        103, "node /usr/lib/node_modules/typescript-language-server/lib/cli.mjs --stdio",
        104, "node server.js",           // listening, but on a port no dev server uses
        105, "node dist/main.js --mode production");
    Map<Integer, String> expectDev = Map.of(
        201, "node /home/alice/app/node_modules/.bin/vite --port 5173",
        202, "node /home/alice/app/node_modules/vite/bin/vite.js",
        203, "node /home/alice/app/node_modules/next/dist/server/lib/start-server.js",
        204, "node /home/alice/app/node_modules/react-scripts/scripts/start.js",
        205, "node server.js",           // on 3000, a watched port
        206, "bun x vite",
        207, "node /home/alice/app/node_modules/.bin/webpack serve");
    List<ProcessInfo> orphans = new ArrayList<>();
    for (Map<Integer, String> m : List.of(expectNot, expectDev)) {
      m.forEach((pid, cmd) -> orphans.add(orphan(pid, cmd.split(" "))));
    }
    List<Listener> listeners = List.of(new Listener("tcp", "0.0.0.0", 9123, 104, 1L),
        new Listener("tcp", "0.0.0.0", 3000, 205, 2L));

    Map<Integer, Set<String>> m = matches(orphans, listeners);
    for (int pid : expectNot.keySet()) {
      assertEquals(false, devServer(m, pid), expectNot.get(pid) + ": " + m.get(pid));
    }
    for (int pid : expectDev.keySet()) {
      assertEquals(true, devServer(m, pid), expectDev.get(pid) + ": " + m.get(pid));
    }
    // A plain orphaned node is still an orphan, just not a "development server".
    assertEquals(true, m.getOrDefault(101, Set.of()).stream().anyMatch(r -> r.startsWith("orphan")),
        "node server.js: " + m.get(101));
  }

  @Test
  void pythonServersAreStillDevServersByName() throws Exception {
    Map<Integer, Set<String>> m = matches(List.of(
        orphan(301, "/usr/bin/python3", "/usr/bin/uvicorn", "app:app", "--reload"),
        orphan(302, "/usr/bin/streamlit", "run", "app.py")), List.of());
    assertEquals(true, devServer(m, 301), String.valueOf(m.get(301)));
    assertEquals(true, devServer(m, 302), String.valueOf(m.get(302)));
  }
}
