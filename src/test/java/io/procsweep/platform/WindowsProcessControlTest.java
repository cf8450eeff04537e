package io.procsweep.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.platform.win32.WinError;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import oshi.util.ParseUtil;

/** The pure parts of the Windows implementation; run on every OS. */
class WindowsProcessControlTest {

  private static long ft(Instant t, long extra100ns) {
    return (t.getEpochSecond() * 1000 + t.getNano() / 1_000_000) * 10_000L
        + 116_444_736_000_000_000L + extra100ns;
  }

  @Test
  void filetimeToEpochMs() {
    assertEquals(0L, WindowsProcessControl.filetimeToEpochMs(
        (int) (116_444_736_000_000_000L >>> 32), (int) 116_444_736_000_000_000L));
    Instant t = Instant.parse("2026-03-01T10:20:30.456Z");
    for (long extra : new long[] {0, 1, 9_999}) { // sub-ms ticks are truncated, as OSHI does
      long f = ft(t, extra);
      assertEquals(t.toEpochMilli(),
          WindowsProcessControl.filetimeToEpochMs((int) (f >>> 32), (int) f));
    }
  }

  @Test
  void filetimeMatchesOshiExactly() {
    // The snapshot's start times on Windows come from OSHI's ParseUtil.filetimeToUtcMs.
    long[] samples = {ft(Instant.parse("2024-01-01T00:00:00Z"), 0),
        ft(Instant.parse("2025-07-09T23:59:59.999Z"), 9_999),
        // low word with its top bit set: must be read unsigned
        (0x01DA_1234L << 32) | 0x8000_0001L};
    for (long f : samples) {
      assertEquals(ParseUtil.filetimeToUtcMs(f, false),
          WindowsProcessControl.filetimeToEpochMs((int) (f >>> 32), (int) f), Long.toHexString(f));
    }
  }

  @Test
  void namesCompareAsWindowsFileNames() {
    assertEquals("notepad", WindowsProcessControl.imageName("C:\\Windows\\System32\\notepad.exe"));
    assertEquals("node", WindowsProcessControl.imageName("C:\\Program Files\\nodejs\\NODE.EXE")
        .toLowerCase());
    assertEquals("run.cmd", WindowsProcessControl.imageName("D:/tools/run.cmd"));
    assertTrue(WindowsProcessControl.sameName("notepad", "notepad"));
    assertTrue(WindowsProcessControl.sameName("notepad.exe", "Notepad"));
    assertTrue(WindowsProcessControl.sameName("NOTEPAD", "notepad.exe"));
    assertFalse(WindowsProcessControl.sameName("notepad", "notepad2"));
    assertFalse(WindowsProcessControl.sameName("notepad", null));
    ProcessIdentity scan = new ProcessIdentity(8, 100L, "Code");
    assertEquals(Optional.empty(), IdentityCheck.refusal(scan,
        Observed.found(new ProcessIdentity(8, 100L, "code"), false),
        WindowsProcessControl.SAME_NAME));
    assertEquals(Optional.of(SignalResult.CHANGED), IdentityCheck.refusal(scan,
        Observed.found(new ProcessIdentity(8, 101L, "Code"), false),
        WindowsProcessControl.SAME_NAME));
  }

  @Test
  void errorCodes() {
    assertEquals(SignalResult.GONE,
        WindowsProcessControl.openFailure(WinError.ERROR_INVALID_PARAMETER));
    assertEquals(SignalResult.DENIED,
        WindowsProcessControl.openFailure(WinError.ERROR_ACCESS_DENIED));
    assertEquals(SignalResult.ERROR, WindowsProcessControl.openFailure(WinError.ERROR_NOT_ENOUGH_MEMORY));
    // TerminateProcess answers ERROR_ACCESS_DENIED for a process that already exited too.
    assertEquals(SignalResult.GONE,
        WindowsProcessControl.terminateFailure(WinError.ERROR_ACCESS_DENIED, true));
    assertEquals(SignalResult.DENIED,
        WindowsProcessControl.terminateFailure(WinError.ERROR_ACCESS_DENIED, false));
    assertEquals(SignalResult.ERROR,
        WindowsProcessControl.terminateFailure(WinError.ERROR_INVALID_HANDLE, false));
    assertEquals(SignalResult.DENIED, WindowsJobs.assignFailure(WinError.ERROR_ACCESS_DENIED));
    assertEquals(SignalResult.ERROR, WindowsJobs.assignFailure(WinError.ERROR_INVALID_HANDLE));
  }

  @Test
  void chldStopAndContAreNotSupportedAndTouchNothing() {
    // Answered before any native call, so this runs anywhere.
    for (Signal s : new Signal[] {Signal.CHLD, Signal.STOP, Signal.CONT}) {
      assertEquals(SignalResult.ERROR, new WindowsProcessControl()
          .signal(new ProcessIdentity(4242, 1L, "x"), s), s.label());
    }
    assertEquals(Optional.empty(), new WindowsProcessControl().currentUid());
    assertEquals("win32", new WindowsProcessControl().mechanism());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void jobsOnlyOnWindows() {
    assertThrows(IllegalStateException.class, WindowsJobs::create);
  }
}
