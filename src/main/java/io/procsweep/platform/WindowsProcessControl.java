package io.procsweep.platform;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Windows: no signals. TERM and KILL both become TerminateProcess (exit code 1); CHLD, STOP and
 * CONT have no equivalent here and are an ERROR without touching the process.
 *
 * <p>Flow: OpenProcess(pid) → read identity through that handle (GetProcessTimes,
 * QueryFullProcessImageName) → compare → TerminateProcess(handle) → CloseHandle. The open
 * handle keeps the process object, and with it the pid, from being reused until it is closed,
 * so, as with a Linux pidfd, the check and the termination refer to the same process.
 *
 * <p>Identity rules, matched to the snapshot's {@code oshi} backend on Windows: OSHI 7.5 takes
 * the start time from the process's creation FILETIME with {@code ParseUtil.filetimeToUtcMs}
 * (see {@link #filetimeToEpochMs}), which is exactly GetProcessTimes' creation time; its name is
 * the performance-counter instance name, which is the image name without {@code .exe}. So names
 * compare as image basenames without a trailing {@code .exe}, ignoring case (Windows file names
 * are case-insensitive): see {@link #sameName}.
 *
 * <p>Compiled on every OS; only {@link #filetimeToEpochMs}, {@link #sameName} and the error
 * mappings are tested off Windows.
 */
final class WindowsProcessControl implements ProcessControl {
  /** Rights to check and terminate; SYNCHRONIZE to ask "has it exited?" without a race. */
  static final int TERMINATE_ACCESS = WinNT.PROCESS_TERMINATE
      | WinNT.PROCESS_QUERY_LIMITED_INFORMATION | WinNT.SYNCHRONIZE;
  static final int QUERY_ACCESS =
      WinNT.PROCESS_QUERY_LIMITED_INFORMATION | WinNT.SYNCHRONIZE;
  /** FILETIME is 100 ns units since 1601-01-01; this many ms lie between 1601 and 1970. */
  static final long EPOCH_DIFF_MS = 11_644_473_600_000L;
  static final int TERMINATE_EXIT_CODE = 1;

  static final BiPredicate<String, String> SAME_NAME = WindowsProcessControl::sameName;

  @Override
  public SignalResult signal(ProcessIdentity target, Signal signal) {
    if (signal != Signal.TERM && signal != Signal.KILL) {
      // Not supported on Windows: nothing to send for SIGCHLD, and suspending a process means
      // suspending each of its threads (no atomic SIGSTOP), which is not done here.
      return SignalResult.ERROR;
    }
    if (!IdentityCheck.signallablePid(target.pid())) {
      return SignalResult.ERROR;
    }
    try {
      return terminate(target);
    } catch (LinkageError e) {
      return SignalResult.ERROR;
    }
  }

  private SignalResult terminate(ProcessIdentity target) {
    Kernel32 k = Kernel32.INSTANCE;
    WinNT.HANDLE h = k.OpenProcess(TERMINATE_ACCESS, false, target.pid());
    if (h == null) {
      int err = Native.getLastError();
      if (err == WinError.ERROR_ACCESS_DENIED) {
        // Not ours to end; but is it still the target? Say CHANGED rather than DENIED for a
        // pid that now belongs to some system process.
        Observed seen = observe(target.pid());
        Optional<SignalResult> refusal = IdentityCheck.refusal(target, seen, SAME_NAME);
        return refusal.orElse(SignalResult.DENIED);
      }
      return openFailure(err);
    }
    try {
      Observed seen = observe(h, target.pid());
      Optional<SignalResult> refusal = IdentityCheck.refusal(target, seen, SAME_NAME);
      if (refusal.isPresent()) {
        return refusal.get();
      }
      if (seen.ended()) {
        // An exited process object (kept by open handles): TerminateProcess would fail with
        // access denied, and there is nothing left to end.
        return SignalResult.GONE;
      }
      if (k.TerminateProcess(h, TERMINATE_EXIT_CODE)) {
        return SignalResult.SENT;
      }
      return terminateFailure(Native.getLastError(), exited(h));
    } finally {
      k.CloseHandle(h);
    }
  }

  @Override
  public Optional<ProcessIdentity> identity(int pid) {
    try {
      return observe(pid).asIdentity();
    } catch (LinkageError e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean alive(ProcessIdentity target) {
    try {
      return IdentityCheck.alive(target, observe(target.pid()), SAME_NAME);
    } catch (LinkageError e) {
      return false;
    }
  }

  @Override
  public Optional<Integer> currentUid() {
    return Optional.empty(); // Windows users are SIDs, not numeric uids
  }

  @Override
  public String mechanism() {
    return "win32";
  }

  /** Opens {@code pid} for query only and reads it. */
  static Observed observe(int pid) {
    if (pid <= 0) {
      return Observed.gone();
    }
    WinNT.HANDLE h = Kernel32.INSTANCE.OpenProcess(QUERY_ACCESS, false, pid);
    if (h == null) {
      SignalResult r = openFailure(Native.getLastError());
      return r == SignalResult.GONE ? Observed.gone() : Observed.unreadable("OpenProcess: " + r);
    }
    try {
      return observe(h, pid);
    } finally {
      Kernel32.INSTANCE.CloseHandle(h);
    }
  }

  /** Reads the identity through an open handle (needs PROCESS_QUERY_LIMITED_INFORMATION). */
  static Observed observe(WinNT.HANDLE h, int pid) {
    WinBase.FILETIME created = new WinBase.FILETIME();
    WinBase.FILETIME exit = new WinBase.FILETIME();
    WinBase.FILETIME kernel = new WinBase.FILETIME();
    WinBase.FILETIME user = new WinBase.FILETIME();
    if (!Kernel32.INSTANCE.GetProcessTimes(h, created, exit, kernel, user)) {
      return Observed.unreadable("GetProcessTimes: error " + Native.getLastError());
    }
    String path;
    try {
      path = Kernel32Util.QueryFullProcessImageName(h, 0);
    } catch (Win32Exception e) {
      return Observed.unreadable("QueryFullProcessImageName: error " + e.getErrorCode());
    }
    long start = filetimeToEpochMs(created.dwHighDateTime, created.dwLowDateTime);
    return Observed.found(new ProcessIdentity(pid, start, imageName(path)), exited(h));
  }

  /** Whether the process behind {@code h} has exited (needs SYNCHRONIZE). */
  private static boolean exited(WinNT.HANDLE h) {
    return Kernel32.INSTANCE.WaitForSingleObject(h, 0) == WinBase.WAIT_OBJECT_0;
  }

  /**
   * A creation FILETIME as epoch ms, with OSHI's arithmetic ({@code ParseUtil.filetimeToUtcMs}:
   * divide by 10,000, truncating, then subtract the 1601→1970 offset) so values compare exactly
   * with the snapshot's.
   */
  static long filetimeToEpochMs(int high, int low) {
    long ft = ((long) high << 32) | (low & 0xffffffffL);
    return ft / 10_000L - EPOCH_DIFF_MS;
  }

  /** Basename of an image path without a trailing {@code .exe}: OSHI's spelling of the name. */
  static String imageName(String path) {
    String base = path.substring(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
    return stripExe(base);
  }

  /** Names as Windows compares file names: case-insensitive, {@code .exe} optional. */
  static boolean sameName(String expected, String actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    return stripExe(expected).equalsIgnoreCase(stripExe(actual));
  }

  private static String stripExe(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".exe")
        ? name.substring(0, name.length() - 4) : name;
  }

  /**
   * OpenProcess failed. ERROR_INVALID_PARAMETER is Windows' answer for a pid no process has;
   * ERROR_ACCESS_DENIED for a protected or other user's process.
   */
  static SignalResult openFailure(int error) {
    switch (error) {
      case WinError.ERROR_INVALID_PARAMETER:
        return SignalResult.GONE;
      case WinError.ERROR_ACCESS_DENIED:
        return SignalResult.DENIED;
      default:
        return SignalResult.ERROR;
    }
  }

  /**
   * TerminateProcess failed. It reports ERROR_ACCESS_DENIED both when refused and when the
   * process has already exited (it cannot end twice): the handle's state tells them apart.
   */
  static SignalResult terminateFailure(int error, boolean exited) {
    if (exited) {
      return SignalResult.GONE;
    }
    return error == WinError.ERROR_ACCESS_DENIED ? SignalResult.DENIED : SignalResult.ERROR;
  }
}
