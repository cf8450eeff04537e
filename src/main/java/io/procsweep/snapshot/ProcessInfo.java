package io.procsweep.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param cwd working directory (Linux: the {@code cwd} link), null when unknown
 * @param stdio what fds 0, 1 and 2 point to, each one of {@link #STDIO_KINDS}; null when unknown
 * @param pidNamespace inode of the pid namespace (Linux: the {@code ns/pid} link), null when
 *     unknown
 * @param nsPids the pid in each pid namespace it belongs to, from the one /proc was mounted
 *     for down to its own (Linux: {@code NSpid:} of status); null when unknown
 * @param ciMarkers the CI job markers set in the environment it was started with (Linux:
 *     {@code /proc/PID/environ}; only the variables {@code ProcEnviron.CI_MARKERS} names, never
 *     the rest), by name, most specific first; empty when it has none, null when unknown
 *     (unreadable, a zombie or kernel thread, or not read on this platform)
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
    boolean kernelThread,
    String cwd,
    List<String> stdio,
    Long pidNamespace,
    List<Integer> nsPids,
    Map<String, String> ciMarkers) {

  /**
   * What an fd of {@link #stdio()} can point to: {@code /dev/null}, a terminal, an anonymous
   * pipe, a socket, anything else (a file, another device, an anonymous inode), or nothing.
   */
  public static final List<String> STDIO_KINDS =
      List.of("null", "tty", "pipe", "socket", "file", "closed");

  public ProcessInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    cmdline = cmdline == null ? List.of() : List.copyOf(cmdline);
    if (stdio != null) {
      stdio = List.copyOf(stdio);
      if (stdio.size() != 3 || !STDIO_KINDS.containsAll(stdio)) {
        throw new IllegalArgumentException("stdio must be 3 of " + STDIO_KINDS + ": " + stdio);
      }
    }
    nsPids = nsPids == null ? null : List.copyOf(nsPids);
    // Insertion order is the markers' precedence: kept, unlike Map.copyOf.
    ciMarkers = ciMarkers == null ? null
        : Collections.unmodifiableMap(new LinkedHashMap<>(ciMarkers));
  }

  /** Without the CI markers: they are null, i.e. unknown. */
  public ProcessInfo(int pid, int ppid, String name, String exe, List<String> cmdline,
      String user, Integer uid, ProcState state, long startTimeMs, long cpuUserMs,
      long cpuKernelMs, Long rssBytes, Integer threads, Integer pgid, Integer sid, String tty,
      String cgroup, boolean kernelThread, String cwd, List<String> stdio, Long pidNamespace,
      List<Integer> nsPids) {
    this(pid, ppid, name, exe, cmdline, user, uid, state, startTimeMs, cpuUserMs, cpuKernelMs,
        rssBytes, threads, pgid, sid, tty, cgroup, kernelThread, cwd, stdio, pidNamespace, nsPids,
        null);
  }

  /**
   * Without the placement fields (cwd, stdio, namespaces) and CI markers: they are null, i.e.
   * unknown.
   */
  public ProcessInfo(int pid, int ppid, String name, String exe, List<String> cmdline,
      String user, Integer uid, ProcState state, long startTimeMs, long cpuUserMs,
      long cpuKernelMs, Long rssBytes, Integer threads, Integer pgid, Integer sid, String tty,
      String cgroup, boolean kernelThread) {
    this(pid, ppid, name, exe, cmdline, user, uid, state, startTimeMs, cpuUserMs, cpuKernelMs,
        rssBytes, threads, pgid, sid, tty, cgroup, kernelThread, null, null, null, null);
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
