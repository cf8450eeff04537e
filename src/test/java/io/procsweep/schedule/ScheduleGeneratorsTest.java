package io.procsweep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generators without the CLI: schedules, interval errors and each target's quoting. */
class ScheduleGeneratorsTest {
  private static final ScheduledScan ROOT = new ScheduledScan("/usr/local/bin/procsweep",
      "/var/lib/procsweep/state.json", Optional.empty(), List.of());

  @Test
  void cronFieldsForEveryIntervalItCanKeep() {
    assertEquals("* * * * *", Cron.fields(Duration.ofMinutes(1)));
    assertEquals("*/15 * * * *", Cron.fields(Duration.ofMinutes(15)));
    assertEquals("*/30 * * * *", Cron.fields(Duration.ofMinutes(30)));
    assertEquals("0 * * * *", Cron.fields(Duration.ofMinutes(60)));
    assertEquals("0 */6 * * *", Cron.fields(Duration.ofHours(6)));
    assertEquals("0 0 * * *", Cron.fields(Duration.ofHours(24)));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 10L, 12L, 15L, 20L, 30L, 60L, 120L, 180L, 240L,
        360L, 480L, 720L, 1440L), Cron.expressible().stream().map(Duration::toMinutes).toList());
  }

  @Test
  void cronRefusesIntervalsItCannotKeepNamingTheNearest() {
    assertEquals("cron cannot repeat a job evenly every 7m (only minutes that divide an hour,"
        + " hours that divide a day, or once a day); the nearest it can are --every 6m or"
        + " --every 10m, or use --target systemd",
        assertThrows(ScheduleException.class, () -> Cron.fields(Duration.ofMinutes(7)))
            .getMessage());
    assertTrue(assertThrows(ScheduleException.class, () -> Cron.fields(Duration.ofMinutes(90)))
        .getMessage().contains("the nearest it can are --every 1h or --every 2h"));
    assertTrue(assertThrows(ScheduleException.class, () -> Cron.fields(Duration.ofHours(5)))
        .getMessage().contains("--every 4h or --every 6h"));
    assertTrue(assertThrows(ScheduleException.class, () -> Cron.fields(Duration.ofHours(48)))
        .getMessage().contains("the nearest it can are --every 24h, or"));
    assertTrue(assertThrows(ScheduleException.class, () -> Cron.fields(Duration.ofSeconds(90)))
        .getMessage().contains("--every 1m or --every 2m"));
    assertEquals("cron runs a job at most once a minute, so not every 30s; use --every 1m, or"
        + " 'procsweep watch --interval 30s' for a shorter interval",
        assertThrows(ScheduleException.class, () -> Cron.fields(Duration.ofSeconds(30)))
            .getMessage());
  }

  @Test
  void cronLineRunsInTheStateDirectoryAndQuotesForShellAndCron() {
    assertEquals("*/15 * * * * mkdir -p -m 0750 /var/lib/procsweep && cd /var/lib/procsweep &&"
        + " /usr/local/bin/procsweep scan --sample 0 --state /var/lib/procsweep/state.json"
        + " --save --quiet", Cron.line(Duration.ofMinutes(15), ROOT));
    ScheduledScan odd = new ScheduledScan("/opt/my tools/procsweep",
        "/home/al/it's 100%/state.json", Optional.of("/var/lib/node exporter"),
        List.of("--match", "a b"));
    assertEquals("0 */2 * * * mkdir -p -m 0750 '/home/al/it'\\''s 100\\%'"
        + " && cd '/home/al/it'\\''s 100\\%'"
        + " && '/opt/my tools/procsweep' scan --sample 0 --state '/home/al/it'\\''s"
        + " 100\\%/state.json' --save --quiet --format prometheus --output"
        + " '/var/lib/node exporter/procsweep.prom' --match 'a b'",
        Cron.line(Duration.ofHours(2), odd));
  }

  @Test
  void relativePathsAndLineBreaksAreRefused() {
    ScheduledScan relative = new ScheduledScan("procsweep", "/var/lib/procsweep/state.json",
        Optional.empty(), List.of());
    assertTrue(assertThrows(ScheduleException.class,
        () -> Cron.line(Duration.ofMinutes(5), relative)).getMessage()
        .startsWith("the procsweep command 'procsweep' must be an absolute path"));
    assertTrue(assertThrows(ScheduleException.class, () -> new ScheduledScan("/bin/procsweep",
        "/tmp/a\nb", Optional.empty(), List.of())).getMessage().contains("line break"));
  }

  @Test
  void systemdQuotingDoublesSpecifiersAndVariablesButNotInTheProgram() {
    assertEquals("plain/word", Systemd.quote("plain/word"));
    assertEquals("\"a b\"", Systemd.quote("a b"));
    assertEquals("\"100%%\"", Systemd.quote("100%"));
    assertEquals("\"$$HOME\"", Systemd.quote("$HOME"));
    assertEquals("\"say \\\"hi\\\" \\\\n\"", Systemd.quote("say \"hi\" \\n"));
    assertEquals("\\;", Systemd.quote(";"));
    assertEquals("\"/opt/a b/$x%%\"", Systemd.program("/opt/a b/$x%"));
  }

  @Test
  void systemdTimerChoosesBootDelayAndAccuracyFromTheInterval() {
    String quarter = Systemd.timer(Duration.ofMinutes(15), "procsweep-scan");
    assertTrue(quarter.contains("\nOnBootSec=2min\nOnUnitActiveSec=15min\nAccuracySec=1min\n"),
        quarter);
    String fast = Systemd.timer(Duration.ofSeconds(30), "procsweep-scan");
    assertTrue(fast.contains("\nOnBootSec=30s\nOnUnitActiveSec=30s\nAccuracySec=3s\n"), fast);
    assertTrue(Systemd.timer(Duration.ofDays(1), "x").contains("OnUnitActiveSec=1d\n"));
    assertTrue(assertThrows(ScheduleException.class,
        () -> Systemd.units(Duration.ofMillis(1500), ROOT, "procsweep-scan")).getMessage()
        .contains("whole seconds"));
    assertTrue(assertThrows(ScheduleException.class,
        () -> Systemd.units(Duration.ofMinutes(1), ROOT, "procsweep.service")).getMessage()
        .startsWith("--unit-name 'procsweep.service' is not a unit name"));
  }

  @Test
  void systemdServiceKeepsItsOwnStateDirectoryOrOpensTheOneGiven() {
    String own = Systemd.service(Duration.ofMinutes(5), ROOT, "procsweep-scan");
    assertTrue(own.contains("\nWorkingDirectory=/var/lib/procsweep\nStateDirectory=procsweep\n"),
        own);
    assertTrue(!own.contains("ReadWritePaths="), own);
    String other = Systemd.service(Duration.ofMinutes(5), new ScheduledScan("/bin/procsweep",
        "/srv/scan state/state.json", Optional.of("/var/lib/prometheus/node-exporter"),
        List.of()), "procsweep-scan");
    assertTrue(other.contains("\nWorkingDirectory=/srv/scan state\n"), other);
    assertTrue(other.contains(
        "\nReadWritePaths=\"/srv/scan state\" /var/lib/prometheus/node-exporter\n"), other);
    assertTrue(!other.contains("StateDirectory="), other);
  }

  @Test
  void schtasksSchedules() {
    assertEquals("/SC MINUTE /MO 15", Schtasks.schedule(Duration.ofMinutes(15)));
    assertEquals("/SC MINUTE /MO 90", Schtasks.schedule(Duration.ofMinutes(90)));
    assertEquals("/SC HOURLY /MO 2", Schtasks.schedule(Duration.ofHours(2)));
    assertEquals("/SC DAILY /MO 1", Schtasks.schedule(Duration.ofHours(24)));
    assertEquals("/SC DAILY /MO 7", Schtasks.schedule(Duration.ofDays(7)));
    assertEquals("Task Scheduler repeats a task in whole minutes, so not every 90s; the nearest"
        + " it can are --every 1m or --every 2m",
        assertThrows(ScheduleException.class, () -> Schtasks.schedule(Duration.ofSeconds(90)))
            .getMessage());
    assertTrue(assertThrows(ScheduleException.class,
        () -> Schtasks.schedule(Duration.ofHours(25))).getMessage()
        .endsWith("the nearest it can are --every 24h or --every 48h"));
  }

  @Test
  void windowsQuotingLayers() {
    // C runtime rules: backslashes are literal unless they precede a quote.
    assertEquals("\"C:\\a b\\\\\"", Schtasks.crtQuote("C:\\a b\\"));
    assertEquals("\"say \\\"hi\\\"\"", Schtasks.crtQuote("say \"hi\""));
    assertEquals("\"a\\\\\\\"b\"", Schtasks.crtQuote("a\\\"b"));
    assertEquals("\"C:\\a b\\\\\"", Schtasks.cmdArg("C:\\a b\\"));
    assertEquals("C:\\plain\\x.exe", Schtasks.cmdArg("C:\\plain\\x.exe"));
    // cmd.exe toggles its quoting at every ", so && between two quoted words gets carets.
    assertEquals("x \"a\" ^&^& \"b\" ^| c", Schtasks.typed("x \"a\" && \"b\" | c"));
    assertEquals("x \"a && b\"", Schtasks.typed("x \"a && b\""));
  }

  @Test
  void schtasksWithSpacesInPaths() {
    ScheduledScan scan = new ScheduledScan("C:\\Program Files\\procsweep\\procsweep.cmd",
        "C:\\ProgramData\\procsweep\\state.json",
        Optional.of("C:\\Program Files\\windows_exporter\\textfile_inputs"), List.of());
    List<String> lines = Schtasks.commands(Duration.ofMinutes(15), scan, "procsweep-scan");
    assertEquals(List.of(
        "if not exist C:\\ProgramData\\procsweep mkdir C:\\ProgramData\\procsweep",
        "schtasks /Create /F /RU SYSTEM /TN \"procsweep-scan\" /SC MINUTE /MO 15 /TR \"cmd /c cd"
            + " /d C:\\ProgramData\\procsweep && \\\"C:\\Program Files\\procsweep\\procsweep.cmd"
            + "\\\" scan --sample 0 --state C:\\ProgramData\\procsweep\\state.json --save --quiet"
            + " --format prometheus --output \\\"C:\\Program Files\\windows_exporter"
            + "\\textfile_inputs\\procsweep.prom\\\"\""), lines);

    ScheduledScan spacedState = new ScheduledScan("C:\\procsweep\\procsweep.exe",
        "D:\\scan state\\state.json", Optional.empty(), List.of("--match", "a|b"));
    String create = Schtasks.commands(Duration.ofHours(1), spacedState, "procsweep-scan").get(1);
    // cmd.exe counts every " (it knows no \"): the && is inside its quotes, but a|b, after an
    // even number of them, is outside, so its | gets a caret; schtasks never sees the caret.
    assertEquals("schtasks /Create /F /RU SYSTEM /TN \"procsweep-scan\" /SC HOURLY /MO 1 /TR"
        + " \"cmd /c cd /d \\\"D:\\scan state\\\" && C:\\procsweep\\procsweep.exe scan --sample"
        + " 0 --state \\\"D:\\scan state\\state.json\\\" --save --quiet --match"
        + " \\\"a^|b\\\"\"", create);
  }

  @Test
  void schtasksRefusesWhatCmdWouldChangeAndOverlongCommands() {
    ScheduledScan percent = new ScheduledScan("C:\\procsweep\\procsweep.exe",
        "C:\\100%\\state.json", Optional.empty(), List.of());
    assertTrue(assertThrows(ScheduleException.class,
        () -> Schtasks.commands(Duration.ofHours(1), percent, "t")).getMessage()
        .contains("holds % or \""));
    ScheduledScan relative = new ScheduledScan("procsweep.exe", "C:\\state.json",
        Optional.empty(), List.of());
    assertTrue(assertThrows(ScheduleException.class,
        () -> Schtasks.commands(Duration.ofHours(1), relative, "t")).getMessage()
        .contains("must be an absolute path on Windows"));
    ScheduledScan longPath = new ScheduledScan("C:\\" + "x".repeat(200) + "\\procsweep.exe",
        "C:\\ProgramData\\procsweep\\state.json", Optional.empty(), List.of());
    assertTrue(assertThrows(ScheduleException.class,
        () -> Schtasks.commands(Duration.ofHours(1), longPath, "t")).getMessage()
        .contains("schtasks takes at most 261"));
  }

  @Test
  void pathStyles() {
    assertEquals("/", PathStyle.POSIX.parent("/state.json"));
    assertEquals("C:\\", PathStyle.WINDOWS.parent("C:\\state.json"));
    assertEquals("C:\\a\\b", PathStyle.WINDOWS.parent("C:/a/b/state.json"));
    assertTrue(PathStyle.WINDOWS.isAbsolute("\\\\server\\share\\x"));
    assertTrue(!PathStyle.WINDOWS.isAbsolute("C:relative"));
    assertEquals("/d/procsweep.prom", PathStyle.POSIX.join("/d/", "procsweep.prom"));
  }
}
