package io.procsweep.platform;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The Job Object calls of kernel32 that jna-platform 5.19's {@code Kernel32} does not declare. */
interface WinJobApi extends StdCallLibrary {

  /** An anonymous job when {@code name} is null; null on failure (GetLastError). */
  WinNT.HANDLE CreateJobObjectW(WinBase.SECURITY_ATTRIBUTES attributes, WString name);

  /** Needs PROCESS_SET_QUOTA and PROCESS_TERMINATE on {@code process}. */
  boolean AssignProcessToJobObject(WinNT.HANDLE job, WinNT.HANDLE process);

  /** Ends every process in the job, and those they started after joining it. */
  boolean TerminateJobObject(WinNT.HANDLE job, int exitCode);

  static WinJobApi load() {
    return Native.load("kernel32", WinJobApi.class, W32APIOptions.DEFAULT_OPTIONS);
  }
}
