package io.procsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.procsweep.schedule.ScheduledScan;
import io.procsweep.schedule.Systemd;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The capabilities the systemd service and the DaemonSet keep are the ones scanning needs: root
 * limited to exactly that set (a bounding set, as both set it, and no_new_privs) still finds
 * which process of another user holds a listening socket, and with either one dropped it cannot.
 */
@EnabledOnOs(OS.LINUX)
class ScanCapabilitiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SETPRIV = "/usr/bin/setpriv";
  private static final String PYTHON = "/usr/bin/python3";

  @Test
  void rootWithOnlyTheKeptCapabilitiesSeesAnotherUsersListener() throws Exception {
    assumeTrue(isRoot(), "needs root: it checks what root keeps");
    assumeTrue(new File(SETPRIV).canExecute(), "setpriv missing (apt-get install util-linux)");
    assumeTrue(new File(PYTHON).canExecute(), "python3 missing (apt-get install python3)");

    List<String> daemonSet = new ArrayList<>();
    new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/kubernetes/daemonset.yaml")
        .toFile()).at("/spec/template/spec/containers/0/securityContext/capabilities/add")
        .forEach(c -> daemonSet.add(c.asText().toLowerCase(Locale.ROOT)));
    String service = Systemd.units(Duration.ofMinutes(5), new ScheduledScan("/bin/true",
        "/var/lib/procsweep/state.json", Optional.empty(), List.of()), "x").get(0).text();
    List<String> unit = service.lines().filter(l -> l.startsWith("CapabilityBoundingSet="))
        .flatMap(l -> List.of(l.substring(l.indexOf('=') + 1).split(" ")).stream())
        .map(c -> c.substring("CAP_".length()).toLowerCase(Locale.ROOT)).toList();
    assertEquals(new TreeSet<>(daemonSet), new TreeSet<>(unit), "the two keep the same set");
    assertEquals(2, unit.size(), unit.toString());

    // A listener of uid 65534, started by this test and ended by it.
    Process listener = new ProcessBuilder(SETPRIV, "--reuid", "65534", "--regid", "65534",
        "--clear-groups", PYTHON, "-c", "import socket, time\n"
            + "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
            + "print(s.getsockname()[1], flush=True); time.sleep(120)\n")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      int port = Integer.parseInt(new BufferedReader(new InputStreamReader(
          listener.getInputStream(), StandardCharsets.UTF_8)).readLine().trim());
      long pid = listener.pid(); // setpriv execs python: same pid

      assertEquals(pid, holder(String.join(",", plus(unit)), port));
      for (String kept : unit) {
        assertEquals(-1, holder("-all,+" + kept, port), "with only " + kept);
      }
    } finally {
      listener.destroyForcibly();
      listener.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static List<String> plus(List<String> caps) {
    List<String> out = new ArrayList<>(List.of("-all"));
    caps.forEach(c -> out.add("+" + c));
    return out;
  }

  /** The pid procsweep's snapshot names for the TCP listener on {@code port}; -1 for none. */
  private static long holder(String boundingSet, int port) throws Exception {
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path out = Files.createTempFile("procsweep-caps", ".json");
    try {
      Process p = new ProcessBuilder(SETPRIV, "--bounding-set", boundingSet, "--inh-caps", "-all",
          "--no-new-privs", java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Djna.nounpack=true", "-Djna.boot.library.path=" + Path.of("target/native")
              .toAbsolutePath(),
          "-cp", cp, "io.procsweep.cli.Main", "snapshot", "--format", "json")
          .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "snapshot did not finish");
      assertEquals(0, p.exitValue(), boundingSet);
      for (JsonNode l : JSON.readTree(out.toFile()).get("listeners")) {
        if (l.get("port").asInt() == port && l.get("protocol").asText().equals("tcp")) {
          return l.get("pid").isNull() ? -1 : l.get("pid").asLong();
        }
      }
      throw new AssertionError("no listener on port " + port + " with " + boundingSet);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
