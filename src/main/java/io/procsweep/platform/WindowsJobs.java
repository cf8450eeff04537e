package io.procsweep.platform;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import java.util.Optional;

/**
 * Ends a Windows process tree in one step through a Job Object: each member is added after the
 * same identity check as {@link ProcessControl#signal} (through the handle it is assigned with,
 * so the check and the assignment refer to the same process), then {@link #terminateAll} ends
 * them all at once, together with any children they started after joining: a tree cannot grow
 * new members between "kill the children" and "kill the parent", as it can when ending them one
 * by one. Processes that were already running are not pulled in by their parent's joining: add
 * every member (deepest first or in any order; termination is one call).
 *
 * <p>The job is created without KILL_ON_JOB_CLOSE on purpose: if procsweep stops between adding
 * and terminating, closing the job leaves every process running (fail safe). Windows 8 and later
 * allow a process already in another job to join (nested jobs); on older systems, or when the
 * other job forbids it, {@link #add} reports DENIED.
 *
 * <p>Windows only: {@link #create} throws {@link IllegalStateException} elsewhere.
 */
public final class WindowsJobs implements AutoCloseable {
  static final int ASSIGN_ACCESS = WinNT.PROCESS_SET_QUOTA | WinNT.PROCESS_TERMINATE
      | WinNT.PROCESS_QUERY_LIMITED_INFORMATION | WinNT.SYNCHRONIZE;

  private final WinJobApi api;
  private WinNT.HANDLE job; // null once closed

  private WindowsJobs(WinJobApi api, WinNT.HANDLE job) {
    this.api = api;
    this.job = job;
  }

  /** A new anonymous job. */
  public static WindowsJobs create() {
    if (Os.current() != Os.WINDOWS) {
      throw new IllegalStateException("Job Objects exist only on Windows");
    }
    WinJobApi api;
    try {
      api = WinJobApi.load();
    } catch (LinkageError e) {
      throw new IllegalStateException("cannot load kernel32 through JNA: " + e, e);
    }
    WinNT.HANDLE job = api.CreateJobObjectW(null, null);
    if (job == null) {
      throw new IllegalStateException("CreateJobObject failed: error " + Native.getLastError());
    }
    return new WindowsJobs(api, job);
  }

  /**
   * Re-checks {@code target} and adds it to the job: SENT when added (nothing is ended yet),
   * else why not, as for a signal.
   */
  public synchronized SignalResult add(ProcessIdentity target) {
    requireOpen();
    if (!IdentityCheck.signallablePid(target.pid())) {
      return SignalResult.ERROR;
    }
    Kernel32 k = Kernel32.INSTANCE;
    WinNT.HANDLE h = k.OpenProcess(ASSIGN_ACCESS, false, target.pid());
    if (h == null) {
      int err = Native.getLastError();
      if (err == WinError.ERROR_ACCESS_DENIED) {
        Observed seen = WindowsProcessControl.observe(target.pid());
        return IdentityCheck.refusal(target, seen, WindowsProcessControl.SAME_NAME)
            .orElse(SignalResult.DENIED);
      }
      return WindowsProcessControl.openFailure(err);
    }
    try {
      Observed seen = WindowsProcessControl.observe(h, target.pid());
      Optional<SignalResult> refusal =
          IdentityCheck.refusal(target, seen, WindowsProcessControl.SAME_NAME);
      if (refusal.isPresent()) {
        return refusal.get();
      }
      if (seen.ended()) {
        return SignalResult.GONE;
      }
      if (api.AssignProcessToJobObject(job, h)) {
        return SignalResult.SENT;
      }
      return assignFailure(Native.getLastError());
    } finally {
      k.CloseHandle(h);
    }
  }

  /** Ends every process in the job: SENT, or ERROR/DENIED from TerminateJobObject. */
  public synchronized SignalResult terminateAll() {
    requireOpen();
    if (api.TerminateJobObject(job, WindowsProcessControl.TERMINATE_EXIT_CODE)) {
      return SignalResult.SENT;
    }
    return assignFailure(Native.getLastError());
  }

  /** Closes the job handle; processes in it keep running unless {@link #terminateAll} ran. */
  @Override
  public synchronized void close() {
    if (job != null) {
      Kernel32.INSTANCE.CloseHandle(job);
      job = null;
    }
  }

  private void requireOpen() {
    if (job == null) {
      throw new IllegalStateException("job already closed");
    }
  }

  /** AssignProcessToJobObject / TerminateJobObject failed. */
  static SignalResult assignFailure(int error) {
    return error == WinError.ERROR_ACCESS_DENIED ? SignalResult.DENIED : SignalResult.ERROR;
  }
}
