package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procsweep.platform.Os;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default audit log path never depends on the working directory. */
class AuditLocationTest {
  private static final Path HOME = Path.of("/home/ada");

  @Test
  void rootLogsUnderVarLog() {
    assertEquals(Path.of("/var/log/procsweep/audit.jsonl"),
        AuditLocation.of(Os.LINUX, true, Map.of("XDG_STATE_HOME", "/tmp/evil"), Path.of("/root")));
    assertEquals(Path.of("/var/log/procsweep/audit.jsonl"),
        AuditLocation.of(Os.OTHER, true, Map.of(), Path.of("/root")));
  }

  @Test
  void otherUsersUseTheXdgStateDirectory() {
    assertEquals(Path.of("/home/ada/.local/state/procsweep/audit.jsonl"),
        AuditLocation.of(Os.LINUX, false, Map.of(), HOME));
    assertEquals(Path.of("/srv/state/procsweep/audit.jsonl"),
        AuditLocation.of(Os.LINUX, false, Map.of("XDG_STATE_HOME", "/srv/state"), HOME));
  }

  @Test
  void anEmptyOrRelativeXdgStateHomeIsIgnored() {
    Path dflt = Path.of("/home/ada/.local/state/procsweep/audit.jsonl");
    assertEquals(dflt, AuditLocation.of(Os.LINUX, false, Map.of("XDG_STATE_HOME", ""), HOME));
    assertEquals(dflt,
        AuditLocation.of(Os.LINUX, false, Map.of("XDG_STATE_HOME", "reports"), HOME));
  }

  @Test
  void macOsUsesLibraryLogs() {
    assertEquals(Path.of("/Users/ada/Library/Logs/procsweep/audit.jsonl"),
        AuditLocation.of(Os.MACOS, false, Map.of(), Path.of("/Users/ada")));
    assertEquals(Path.of("/Library/Logs/procsweep/audit.jsonl"),
        AuditLocation.of(Os.MACOS, true, Map.of(), Path.of("/var/root")));
  }

  @Test
  void windowsUsesLocalAppData() {
    // Absolute in this JVM's file system; on Windows itself it reads C:\Users\ada\AppData\Local.
    Path local = HOME.resolve("AppData/Local").toAbsolutePath();
    assertEquals(local.resolve("procsweep").resolve("audit.jsonl"),
        AuditLocation.of(Os.WINDOWS, false, Map.of("LOCALAPPDATA", local.toString()), HOME));
    assertEquals(HOME.resolve("AppData").resolve("Local").resolve("procsweep")
        .resolve("audit.jsonl"), AuditLocation.of(Os.WINDOWS, true, Map.of(), HOME));
  }

  @Test
  void onlyTheSystemDirectoriesAreGroupReadable() {
    assertEquals(true, AuditLocation.systemDir(Path.of("/var/log/procsweep")));
    assertEquals(false, AuditLocation.systemDir(HOME.resolve(".local/state/procsweep")));
  }
}
