package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Schemas;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scope options end to end: {@code --port} on a real listening job, {@code --match} on a
 * real zombie, and a scope that names nothing (an unknown user, a pid no process has) as exit 2
 * with one sentence in scan, plan and clean alike.
 */
class ScopeCliTest {
  @TempDir Path dir;

  /** Every process whose command line holds the marker is a finding. */
  private Path markerRule(String marker) throws IOException {
    Path p = dir.resolve("marker.yaml");
    Files.writeString(p, "version: 1\nrules:\n  - id: test-marked\n    category: custom\n"
        + "    when: { cmdline: { contains: '" + marker + "' } }\n"
        + "    cleanup: { safe: terminate, forced: terminate }\n");
    return p;
  }

  private static Set<Integer> findingPids(String json) throws IOException {
    JsonNode doc = Schemas.parse(json);
    Set<Integer> out = new TreeSet<>();
    doc.get("findings").forEach(f -> out.add(f.at("/process/pid").asInt()));
    return out;
  }

  private static Set<Integer> plannedPids(String json) throws IOException {
    Set<Integer> out = new TreeSet<>();
    Schemas.parse(json).get("actions").forEach(a -> {
      if (!a.get("target").isNull()) {
        out.add(a.at("/target/pid").asInt());
      }
    });
    return out;
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void portSelectsTheJobHoldingItNotTheWrappersOtherChildNorTheReaper() throws Exception {
    try (Fixture f = Fixture.start("port-tree", true)) {
      String port = f.value("port");
      String rules = markerRule(f.marker()).toString();
      Set<Integer> tree = Set.of(f.pid("wrapper"), f.pid("sh"), f.pid("holder"), f.pid("child"));

      Cli.Result scan = Cli.run(dir, "scan", "--sample", "0", "--format", "json",
          "--no-default-rules", "--rules", rules, "--port", port);
      assertEquals(0, scan.code(), scan.err());
      assertEquals("", scan.err());
      assertEquals(tree, findingPids(scan.out()), scan.out());

      // Without --port the same rule finds the wrapper's other child and the reaper too: the
      // port is what narrowed it.
      Cli.Result all = Cli.run(dir, "scan", "--sample", "0", "--format", "json",
          "--no-default-rules", "--rules", rules, "--descendants-of",
          String.valueOf(f.reaperPid()));
      assertTrue(findingPids(all.out()).containsAll(Set.of(f.pid("other"))), all.out());

      // plan shares the scope: one action per process of the job, nothing else.
      Cli.Result plan = Cli.run(dir, "plan", "--mode", "safe", "--sample", "0", "--format",
          "json", "--no-default-rules", "--rules", rules, "--port", "1," + port);
      assertEquals(0, plan.code(), plan.err());
      assertEquals(tree, plannedPids(plan.out()), plan.out());
      assertTrue(plan.err().contains("procsweep: no process listens on port 1"), plan.err());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void matchFindsAZombieByItsParentsCommandLine() throws Exception {
    try (Fixture f = Fixture.start("zombie", true)) {
      int zombie = f.pid("zombie");
      Fixture.awaitState(zombie, 'Z');
      Path rule = dir.resolve("zombie.yaml");
      Files.writeString(rule, "version: 1\nrules:\n  - id: test-zombie\n    category: zombie\n"
          + "    when: { state: zombie }\n");
      // The zombie's own command line is empty; the marker is in its parent's.
      Cli.Result r = Cli.run(dir, "scan", "--sample", "0", "--format", "json",
          "--no-default-rules", "--rules", rule.toString(), "--match", f.marker());
      assertEquals(0, r.code(), r.err());
      assertEquals(Set.of(zombie), findingPids(r.out()), r.out());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void descendantsOfIsCheckedAgainstEveryProcessProcsweepItselfsParentIncluded()
      throws Exception {
    // procsweep leaves its own ancestors out of every report, yet --descendants-of $$ (the
    // shell running it; here the test JVM) names a process that exists.
    Cli.Result r = Cli.run(dir, "scan", "--sample", "0", "--format", "json",
        "--descendants-of", String.valueOf(ProcessHandle.current().pid()));
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void unknownUserIsAnErrorInScanPlanAndClean() {
    String expected = "procsweep: --user 'nosuchuser-psweep' is not a user on this machine"
        + " (give a user name or a numeric uid)\n";
    for (List<String> cmd : List.of(List.of("scan"), List.of("plan", "--mode", "safe"),
        List.of("clean", "--mode", "safe", "--dry-run"))) {
      MainTest.Run r = run(cmd, "--sample", "0", "--user", "nosuchuser-psweep");
      assertEquals(2, r.code(), cmd + ": " + r.err());
      assertEquals(expected, r.err(), cmd.toString());
      assertEquals("", r.out(), cmd.toString());
    }
    // A uid is taken as given (a container's uid need not be in the passwd database), and a
    // known name is a user.
    String self = System.getProperty("user.name");
    assertEquals(0, run(List.of("scan"), "--sample", "0", "--format", "json", "--user",
        "4242917," + self).code());
    assertEquals(2, run(List.of("scan"), "--sample", "0", "--user", "").code());
  }

  @Test
  void descendantsOfAPidNoProcessHasIsAnErrorInScanPlanAndClean() throws Exception {
    int missing = missingPid();
    for (List<String> cmd : List.of(List.of("scan"), List.of("plan", "--mode", "safe"),
        List.of("clean", "--mode", "safe", "--dry-run"))) {
      MainTest.Run r = run(cmd, "--sample", "0", "--descendants-of", String.valueOf(missing));
      assertEquals(2, r.code(), cmd + ": " + r.err());
      assertEquals("procsweep: --descendants-of " + missing + ": no process has pid " + missing
          + "\n", r.err(), cmd.toString());
      assertEquals("", r.out(), cmd.toString());
    }
  }

  @Test
  void portOutOfRangeIsAnErrorAndAFreePortIsAnEmptyScanWithANote() throws Exception {
    for (String bad : List.of("0", "65536", "-1")) {
      MainTest.Run r = run(List.of("scan"), "--sample", "0", "--port", bad);
      assertEquals(2, r.code(), r.err());
      assertEquals("procsweep: --port " + bad + " is not a port number (1 to 65535)\n", r.err());
    }
    int free;
    try (ServerSocket s = new ServerSocket(0)) {
      free = s.getLocalPort(); // free again once closed
    }
    MainTest.Run r = run(List.of("scan"), "--sample", "0", "--format", "json", "--port",
        String.valueOf(free));
    assertEquals(0, r.code(), r.err());
    assertEquals("procsweep: no process listens on port " + free + "\n", r.err());
    assertEquals(Set.of(), findingPids(r.out()));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void oshiBackendOnLinuxWarnsOnceThatOrphanRulesCannotMatch() {
    String warning = "procsweep: warning: the oshi backend reads no session facts on Linux"
        + " (sid, pgid, tty), so no orphan rule can match; the proc backend (the default)"
        + " reads them";
    // Two reads (a CPU sample), one warning; plan and clean scan through the same settings.
    for (List<String> cmd : List.of(List.of("scan", "--sample", "100ms"),
        List.of("plan", "--mode", "safe", "--sample", "0"))) {
      MainTest.Run r = run(cmd, "--backend", "oshi", "--format", "json", "--pid",
          String.valueOf(ProcessHandle.current().pid()));
      assertEquals(0, r.code(), cmd + ": " + r.err());
      assertEquals(1, r.err().lines().filter(warning::equals).count(), cmd + ": " + r.err());
    }
    MainTest.Run proc = run(List.of("scan", "--sample", "0"), "--backend", "proc", "--format",
        "json", "--pid", String.valueOf(ProcessHandle.current().pid()));
    assertEquals("", proc.err());
  }

  private static MainTest.Run run(List<String> command, String... more) {
    String[] args = new String[command.size() + more.length];
    for (int i = 0; i < command.size(); i++) {
      args[i] = command.get(i);
    }
    System.arraycopy(more, 0, args, command.size(), more.length);
    return MainTest.run(args);
  }

  /** A pid no process can have: Linux never hands out pid_max or above. */
  private static int missingPid() throws IOException {
    Path pidMax = Path.of("/proc/sys/kernel/pid_max");
    if (Files.isReadable(pidMax)) {
      // One buffered read: a sysctl file answers a read at an offset past 0 with EOF, so
      // Files.readString (which asks for the file's size, 0, first) would see only "3".
      return Integer.parseInt(Files.readAllLines(pidMax).get(0).trim());
    }
    int pid = 999_999;
    while (ProcessHandle.of(pid).isPresent()) {
      pid++;
    }
    return pid;
  }
}
