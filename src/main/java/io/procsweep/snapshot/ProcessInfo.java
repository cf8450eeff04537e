package io.procsweep.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * One process as read from the OS. Pure data. Fields that could not be read are {@code null}
 * (never a misleading 0 or empty string); the snapshot's {@code unreadable} list says why.
 *
 * @param pid process id
 * @param ppid parent pid as reported by the OS (0 when none)
 * @param name short name (Linux: {@code comm}, read whole, may hold any bytes)
 * @param exe executable path, or null if unreadable
 * @param cmdline argument list; empty for kernel threads and zombies
 * @param user user name, or null if unknown
 * @param uid real user id, or null if unknown
 * @param state normalised state
 * @param startTimeMs start time, epoch milliseconds (Linux: 1/HZ precision)
 * @param cpuUserMs user CPU time used so far
 * @param cpuKernelMs kernel CPU time used so far
 * @param rssBytes resident memory, or null if unknown
 * @param threads thread count, or null if unknown
 * @param pgid process group id (Linux/Unix), null elsewhere
 * @param sid session id (Linux/Unix), null elsewhere
 * @param tty controlling terminal (e.g. {@code pts/3}), null when none or unknown
 * @param cgroup cgroup path (Linux), null elsewhere
 * @param kernelThread true for kernel threads (Linux)
 */
public record ProcessInfo(
    int pid,
    int ppid,
    String name,
    String exe,
    List<String> cmdline,
    String user,
    Integer uid,
    ProcState state,
    long startTimeMs,
    long cpuUserMs,
    long cpuKernelMs,
    Long rssBytes,
    Integer threads,
    Integer pgid,
    Integer sid,
    String tty,
    String cgroup,
    boolean kernelThread) {

  public ProcessInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    cmdline = cmdline == null ? List.of() : List.copyOf(cmdline);
  }

  /** Identity of this incarnation of the pid: pid numbers are reused, start times are not. */
  public ProcessKey key() {
    return new ProcessKey(pid, startTimeMs);
  }

  /** Command line joined by spaces, or the name in brackets when there are no arguments. */
  public String commandLine() {
    return cmdline.isEmpty() ? "[" + name + "]" : String.join(" ", cmdline);
  }

  public long cpuTotalMs() {
    return cpuUserMs + cpuKernelMs;
  }
}
