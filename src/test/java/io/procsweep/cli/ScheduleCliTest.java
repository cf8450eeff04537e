package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.procsweep.testing.PromTools;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code procsweep schedule} against the real consumers: systemd-analyze verifies the units, sh
 * runs the crontab line's command and the scan it starts leaves its state and report behind.
 * Paths hold spaces (and, for cron, a %) so each target's quoting is exercised.
 */
@EnabledOnOs(OS.LINUX)
class ScheduleCliTest {
  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final Pattern EXPOSURE =
      Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d) ");

  @TempDir Path dir;

  @Test
  void systemdUnitsPassSystemdAnalyzeVerify() throws Exception {
    assumeTrue(onPath("systemd-analyze"), "systemd-analyze missing (apt-get install systemd)");
    Path program = executableCopy(REPO.resolve("procsweep"), dir.resolve("bin dir/procsweep"));
    Path textfile = Files.createDirectories(dir.resolve("node exporter"));

    // Printed: each unit under a comment naming its file, as a user would copy them.
    MainTest.Run printed = MainTest.run("schedule", "--every", "15m", "--target", "systemd",
        "--command", program.toString(), "--textfile-dir", textfile.toString());
    assertEquals(0, printed.code(), printed.err());
    Map<String, String> files = splitUnits(printed.out());
    assertEquals(List.of("procsweep-scan.service", "procsweep-scan.timer"),
        List.copyOf(files.keySet()));
    Path pasted = Files.createDirectories(dir.resolve("pasted"));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(pasted.resolve(f.getKey()), f.getValue());
    }
    assertTrue(files.get("procsweep-scan.service").contains("ExecStart=\"" + program
        + "\" scan --sample 0 --state /var/lib/procsweep/state.json --save --quiet --format"
        + " prometheus --output \"" + textfile + "/procsweep.prom\"\n"), printed.out());
    assertVerifies(pasted, "procsweep-scan");

    // Written with --output-dir: the same text, and a unit name of the user's.
    Path written = Files.createDirectories(dir.resolve("written"));
    MainTest.Run w = MainTest.run("schedule", "--every", "90s", "--target", "systemd",
        "--command", program.toString(), "--output-dir", written.toString(),
        "--unit-name", "sweep", "--state", dir.resolve("state dir/state.json").toString());
    assertEquals(0, w.code(), w.err());
    assertTrue(w.err().contains("systemctl enable --now sweep.timer"), w.err());
    assertVerifies(written, "sweep");

    // The check can fail: a missing program fails verify, an unknown setting warns.
    String service = Files.readString(written.resolve("sweep.service"));
    Files.writeString(written.resolve("sweep.service"),
        service.replace("ExecStart=\"" + program, "ExecStart=\"" + dir.resolve("nothing here")));
    Verify missing = verify(written, "sweep");
    assertNotEquals(0, missing.code(), missing.output());
    assertTrue(missing.output().contains("sweep.service"), missing.output());
    Files.writeString(written.resolve("sweep.service"), service + "Hardening=maximum\n");
    Verify unknownKey = verify(written, "sweep");
    assertTrue(mentions(unknownKey.output(), written, "sweep"), unknownKey.output());
  }

  @Test
  void systemdServiceIsConfinedToWhatScanningNeeds() throws Exception {
    assumeTrue(onPath("systemd-analyze"), "systemd-analyze missing (apt-get install systemd)");
    MainTest.Run r = MainTest.run("schedule", "--every", "15m", "--target", "systemd",
        "--output-dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    Verify security = run(List.of("systemd-analyze", "security", "--offline=true",
        "--no-pager", dir.resolve("procsweep-scan.service").toString()));
    Matcher m = EXPOSURE.matcher(security.output());
    assertTrue(m.find(), security.output());
    // systemd rates 0 to 10; an unconfined root service is 9.6, this one about 4: "OK".
    double exposure = Double.parseDouble(m.group(1));
    assertTrue(exposure <= 5.0, security.output());
    String service = Files.readString(dir.resolve("procsweep-scan.service"));
    assertTrue(service.contains("\nCapabilityBoundingSet=CAP_DAC_READ_SEARCH CAP_SYS_PTRACE\n"));
    assertTrue(service.contains("ExecStart=" + REPO.resolve("procsweep") + " scan"), service);
  }

  @Test
  void crontabLineRunsAsWrittenAndLeavesStateAndReport() throws Exception {
    Path program = wrapper(dir.resolve("tools dir/procsweep"));
    Path stateDir = dir.resolve("state 100% it's");
    Path textfile = Files.createDirectories(dir.resolve("textfile dir"));
    List<String> args = new ArrayList<>(List.of("schedule", "--every", "5m", "--target", "cron",
        "--command", program.toString(), "--state", stateDir.resolve("state.json").toString(),
        "--textfile-dir", textfile.toString()));
    MainTest.Run r = MainTest.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(1, lines.size(), r.out());

    // The five fields, as cron reads them.
    String[] parts = lines.get(0).split(" ", 6);
    assertEquals(List.of("*/5", "*", "*", "*", "*"), List.of(parts).subList(0, 5));
    // cron turns an unescaped % into a line break: none may be left.
    String command = parts[5];
    assertFalse(Pattern.compile("(?<!\\\\)%").matcher(command).find(), command);
    command = command.replace("\\%", "%");

    // Run as cron would: sh -c, a bare environment, started in another directory.
    Verify job = run(List.of("/bin/sh", "-c", command),
        Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString(), "SHELL", "/bin/sh"), REPO);
    assertEquals(0, job.code(), job.output());
    assertTrue(Files.isRegularFile(stateDir.resolve("state.json")), job.output());
    try (Stream<Path> reports = Files.list(stateDir.resolve("reports"))) {
      assertEquals(1, reports.filter(p -> p.getFileName().toString().matches("scan-.*\\.json"))
          .count(), job.output());
    }
    // What node_exporter's textfile collector will read: valid exposition, procsweep series.
    String exposition = Files.readString(textfile.resolve("procsweep.prom"));
    assertTrue(exposition.contains("procsweep_last_success_timestamp_seconds"), job.output());
    PromTools.assertValid(exposition);
  }

  @Test
  void windowsTargetPrintsSchtasksWithQuotedPaths() {
    MainTest.Run r = MainTest.run("schedule", "--every", "1h", "--target", "windows",
        "--command", "C:\\Program Files\\procsweep\\procsweep.cmd");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(
        "rem procsweep: scan every 1h as SYSTEM; run in an administrator's cmd.exe",
        "if not exist C:\\ProgramData\\procsweep mkdir C:\\ProgramData\\procsweep",
        "schtasks /Create /F /RU SYSTEM /TN \"procsweep-scan\" /SC HOURLY /MO 1 /TR \"cmd /c cd"
            + " /d C:\\ProgramData\\procsweep && \\\"C:\\Program Files\\procsweep\\procsweep.cmd"
            + "\\\" scan --sample 0 --state C:\\ProgramData\\procsweep\\state.json --save"
            + " --quiet\""),
        r.out().lines().toList());

    MainTest.Run noCommand = MainTest.run("schedule", "--every", "1h", "--target", "windows");
    assertEquals(2, noCommand.code());
    assertEquals("procsweep: give --command with the path of procsweep on the Windows machine"
        + " (such as C:\\Program Files\\procsweep\\procsweep.cmd)\n", noCommand.err());
  }

  @Test
  void intervalsATargetCannotKeepAreOneSentenceAndExitTwo() {
    MainTest.Run cron = MainTest.run("schedule", "--every", "7m", "--target", "cron");
    assertEquals(2, cron.code());
    assertEquals("procsweep: cron cannot repeat a job evenly every 7m (only minutes that divide"
        + " an hour, hours that divide a day, or once a day); the nearest it can are --every 6m"
        + " or --every 10m, or use --target systemd\n", cron.err());
    assertEquals("", cron.out());
    MainTest.Run windows = MainTest.run("schedule", "--every", "30s", "--target", "windows",
        "--command", "C:\\procsweep.exe");
    assertEquals(2, windows.code());
    assertTrue(windows.err().startsWith("procsweep: Task Scheduler repeats a task in whole"
        + " minutes"), windows.err());
    MainTest.Run zero = MainTest.run("schedule", "--every", "0", "--target", "systemd");
    assertEquals(2, zero.code());
    assertTrue(zero.err().contains("at least 1s apart"), zero.err());
    MainTest.Run notSystemd = MainTest.run("schedule", "--every", "5m", "--target", "cron",
        "--output-dir", dir.toString());
    assertEquals(2, notSystemd.code());
    assertTrue(notSystemd.err().startsWith("procsweep: --output-dir writes systemd units"));
    MainTest.Run badName = MainTest.run("schedule", "--every", "5m", "--target", "systemd",
        "--unit-name", "a b");
    assertEquals(2, badName.code());
  }

  @Test
  void theLauncherNamesItselfAsTheCommand() throws Exception {
    // In process: the tree the classes came from.
    MainTest.Run r = MainTest.run("schedule", "--every", "15m", "--target", "cron");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains(" && " + REPO.resolve("procsweep") + " scan "), r.out());
    // A bare name is looked up on the PATH, as a shell would, and must be there.
    MainTest.Run bare = MainTest.run("schedule", "--every", "15m", "--target", "cron",
        "--command", "sh");
    assertTrue(bare.out().matches("(?s).* && /\\S*/sh scan .*"), bare.out());
    MainTest.Run missing = MainTest.run("schedule", "--every", "15m", "--target", "cron",
        "--command", "no-such-procsweep");
    assertEquals(2, missing.code());
    assertEquals("procsweep: --command no-such-procsweep: no such program on the PATH; give its"
        + " path\n", missing.err());
    // A launcher elsewhere (a copy in a folder with a space) passes its own path to the JVM.
    Path launcher = executableCopy(REPO.resolve("procsweep"), dir.resolve("launch dir/procsweep"));
    executableCopy(REPO.resolve("src/release/lib/jvm.sh"),
        dir.resolve("launch dir/src/release/lib/jvm.sh"));
    Verify v = run(List.of(launcher.toString(), "schedule", "--every", "15m", "--target",
        "cron"), Map.of("PROCSWEEP_CLASSPATH", classPath()), dir);
    assertEquals(0, v.code(), v.output());
    assertTrue(v.output().contains(" && '" + launcher + "' scan "), v.output());
  }

  // ---- helpers

  private record Verify(int code, String output) {}

  private static void assertVerifies(Path unitDir, String name) throws Exception {
    Verify v = verify(unitDir, name);
    assertEquals(0, v.code(), v.output());
    assertFalse(mentions(v.output(), unitDir, name), v.output());
  }

  private static Verify verify(Path unitDir, String name) throws Exception {
    return run(List.of("systemd-analyze", "verify", unitDir.resolve(name + ".service").toString(),
        unitDir.resolve(name + ".timer").toString()));
  }

  /** Whether systemd-analyze said anything about these units (warnings exit 0 too). */
  private static boolean mentions(String output, Path unitDir, String name) {
    return output.lines().anyMatch(l -> l.contains(name + ".service")
        || l.contains(name + ".timer") || l.contains(unitDir.toString()));
  }

  /** The printed units by file name, each from its "# /etc/systemd/system/NAME" line. */
  private static Map<String, String> splitUnits(String out) {
    Map<String, String> files = new LinkedHashMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String line : out.split("\n", -1)) {
      if (line.startsWith("# /etc/systemd/system/")) {
        if (current != null) {
          files.put(current, text.toString());
        }
        current = line.substring("# /etc/systemd/system/".length());
        text.setLength(0);
      }
      text.append(line).append('\n');
    }
    files.put(current, text.toString());
    return files;
  }

  private static Path executableCopy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    return to;
  }

  /** A procsweep on the test's class path, as an executable at {@code at}. */
  private static Path wrapper(Path at) throws IOException {
    Files.createDirectories(at.getParent());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.writeString(at, "#!/bin/sh\nexec " + sh(java.toString())
        + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djna.nounpack=true"
        + " -Djna.boot.library.path=" + sh(REPO.resolve("target/native").toString())
        + " -cp " + sh(classPath()) + " io.procsweep.cli.Main \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(at, PosixFilePermissions.fromString("rwxr-xr-x"));
    return at;
  }

  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private static String sh(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static Verify run(List<String> cmd) throws Exception {
    return run(cmd, Map.of(), REPO);
  }

  private static Verify run(List<String> cmd, Map<String, String> env, Path cwd)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(cwd.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (env.containsKey("SHELL")) {
      pb.environment().clear(); // cron's bare environment
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new IOException(String.join(" ", cmd) + " did not finish");
      }
      return new Verify(p.exitValue(), out);
    } finally {
      p.destroyForcibly();
    }
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
