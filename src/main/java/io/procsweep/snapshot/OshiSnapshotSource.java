package io.procsweep.snapshot;

import io.procsweep.platform.Os;
import io.procsweep.procfs.ProcStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Portable backend through OSHI (every OS). OSHI objects are live and fail soft ({@code ""},
 * {@code 0}, {@code -1}, {@link OSProcess.State#INVALID} mean unknown): everything is copied
 * into our records here, with unknown made {@code null}.
 *
 * <p>What OSHI does not give, and so stays null: process group, session, tty and cgroup (OSHI
 * reads them nowhere; getting them would mean reading /proc ourselves, which is the
 * {@code proc} backend's job) and the socket inode. {@code kernelThread} is inferred on Linux
 * (child of kthreadd, no command line, no executable), since OSHI does not expose the
 * {@code PF_KTHREAD} flag.
 *
 * <p>Costs measured on OSHI 7.5 that shape this class: {@code new SystemInfo()} forks
 * {@code uname}, {@code id} and {@code ldconfig} (hundreds of ms), so it is created lazily once
 * per source and reused by both reads of a CPU sample; {@link OSProcess#getUser()} forks
 * {@code getent} on every call on Unix, so user names come from our own {@link UserNames}.
 *
 * <p>Known gap: on macOS OSHI drops zombies (its per-pid call fails for them); finding them
 * there needs a {@code sysctl(KERN_PROC)} read of our own, not done yet.
 */
public final class OshiSnapshotSource implements SnapshotSource {
  private final Clock clock;
  private final boolean linux;
  private final boolean windows;
  /** Windows SID → account name, filled as processes are seen; SIDs do not change meaning. */
  private final Map<String, String> windowsUsers = new HashMap<>();
  private SystemInfo systemInfo; // guarded by this
  private HostInfo host; // guarded by this

  public OshiSnapshotSource() {
    this(Clock.systemUTC());
  }

  OshiSnapshotSource(Clock clock) {
    this.clock = clock;
    this.linux = Os.current() == Os.LINUX;
    this.windows = Os.current() == Os.WINDOWS;
  }

  @Override
  public String name() {
    return "oshi";
  }

  /**
   * Nothing to complete: OSHI reads every field of every process whatever the plan ({@link
   * SnapshotSource#read(ReadPlan)} reads all), so a second read would only move the values.
   */
  @Override
  public Snapshot complete(Snapshot snapshot, ReadPlan plan, Set<Integer> pids) {
    return snapshot;
  }

  @Override
  public synchronized Snapshot read(boolean withListeners) throws SnapshotException {
    Instant takenAt = clock.instant();
    OperatingSystem os;
    List<OSProcess> raw;
    Instant walkAt;
    long walkStart;
    long walkEnd;
    try {
      if (systemInfo == null) {
        systemInfo = new SystemInfo();
      }
      os = systemInfo.getOperatingSystem();
      walkAt = clock.instant();
      walkStart = System.nanoTime();
      raw = os.getProcesses();
      walkEnd = System.nanoTime();
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: JNA's native library could not be loaded (noexec temp folder, wrong
      // architecture). That is "cannot read the process table", not a crash.
      throw new SnapshotException("OSHI cannot read the process table: " + e, e);
    }
    if (raw.isEmpty()) {
      // There is always at least this JVM: an empty list is OSHI failing soft.
      throw new SnapshotException("OSHI returned no processes");
    }
    if (host == null) {
      host = readHost(os);
    }

    UserNames users = windows ? null : UserNames.load(Path.of("/etc/passwd"));
    int self = (int) ProcessHandle.current().pid();
    String selfUid = null;
    for (OSProcess p : raw) {
      if (p.getProcessID() == self) {
        selfUid = p.getUserID();
      }
    }
    List<ReadFailure> failures = new ArrayList<>();
    List<ProcessInfo> processes = new ArrayList<>(raw.size());
    for (OSProcess p : raw) {
      ProcessInfo info = toProcessInfo(p, users, selfUid, failures);
      if (info != null) {
        processes.add(info);
      }
    }
    processes.sort(Comparator.comparingInt(ProcessInfo::pid));

    List<Listener> listeners = List.of();
    if (withListeners) {
      try {
        listeners = toListeners(os.getInternetProtocolStats().getConnections());
      } catch (RuntimeException e) {
        failures.add(new ReadFailure(0, "connections", String.valueOf(e.getMessage())));
      }
    }
    failures.sort(Comparator.comparingInt(ReadFailure::pid));
    // CPU times are as of getProcesses(); the connection read is no part of a sample's window.
    return new Snapshot(takenAt, name(), host, processes, listeners, failures,
        ReadTime.walk(walkAt, walkStart, walkEnd));
  }

  /**
   * One process through {@link OperatingSystem#getProcess}, mapped by the same code as a full
   * read. On Linux OSHI reads /proc/PID for any pid, thread ids included, so the pid's status
   * must first confirm {@code Tgid == pid}; a status that cannot be read gives empty (fail
   * closed). Elsewhere thread ids and process ids are separate spaces.
   */
  @Override
  public synchronized Optional<ProcessInfo> readProcess(int pid) throws SnapshotException {
    if (pid <= 0) {
      return Optional.empty();
    }
    if (linux && !isLinuxProcess(pid)) {
      return Optional.empty();
    }
    OSProcess p;
    String selfUid;
    try {
      if (systemInfo == null) {
        systemInfo = new SystemInfo();
      }
      OperatingSystem os = systemInfo.getOperatingSystem();
      p = os.getProcess(pid);
      OSProcess self = p == null ? null : os.getCurrentProcess();
      selfUid = self == null ? null : self.getUserID();
    } catch (RuntimeException | LinkageError e) {
      throw new SnapshotException("OSHI cannot read process " + pid + ": " + e, e);
    }
    if (p == null) {
      return Optional.empty();
    }
    UserNames users = windows ? null : UserNames.load(Path.of("/etc/passwd"));
    return Optional.ofNullable(toProcessInfo(p, users, selfUid, new ArrayList<>()));
  }

  private static boolean isLinuxProcess(int pid) {
    try {
      return ProcStatus.read(Path.of("/proc"), pid).isProcess(pid);
    } catch (IOException e) {
      return false; // gone, or unreadable: either way not known to be a process
    }
  }

  private ProcessInfo toProcessInfo(
      OSProcess p, UserNames users, String selfUid, List<ReadFailure> failures) {
    OSProcess.State oshiState = p.getState();
    int pid = p.getProcessID();
    String path = emptyToNull(p.getPath());
    List<String> args = p.getArguments();
    int ppid = Math.max(p.getParentProcessID(), 0);
    boolean kthread = linux && (pid == 2 || ppid == 2) && path == null
        && (args == null || args.isEmpty());
    ProcState state = mapState(oshiState, linux, kthread);
    if (state == null) {
      return null; // INVALID: the process exited between OSHI's listing and its read
    }
    String userId = emptyToNull(p.getUserID());
    Integer uid = parseUid(userId);
    String user = null;
    if (windows) {
      // Windows SIDs are not numeric uids. OSProcess.getUser() there is a token lookup done
      // once at read time (no fork), so the first process seen per SID names it.
      if (userId != null) {
        user = windowsUsers.computeIfAbsent(userId, k -> emptyToNull(p.getUser()));
      }
    } else if (uid != null) {
      user = users.find(uid);
      if (user == null && userId.equals(selfUid)) {
        // Directory-service users (macOS, LDAP) are not in /etc/passwd; our own user is the one
        // that matters most and the JVM already knows its name.
        user = System.getProperty("user.name");
      }
      if (user == null) {
        user = Integer.toString(uid);
      }
    }
    if (uid == null && !windows && !kthread) {
      failures.add(new ReadFailure(pid, "uid", "unavailable"));
    }
    if (path == null && !kthread && state != ProcState.ZOMBIE) {
      failures.add(new ReadFailure(pid, "exe", "unavailable"));
    }
    String name = emptyToNull(p.getName());
    if (name == null) {
      String base = path == null ? ""
          : path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
      name = base.isEmpty() ? "?" : base;
    }
    long rss = p.getResidentMemory();
    int threads = p.getThreadCount();
    return new ProcessInfo(
        pid,
        ppid,
        name,
        path,
        args,
        user,
        uid,
        state,
        p.getStartTime(),
        Math.max(p.getUserTime(), 0),
        Math.max(p.getKernelTime(), 0),
        // 0 is OSHI's "unknown"; only a zombie (no memory at all) really has 0 bytes resident.
        rss > 0 || state == ProcState.ZOMBIE ? Long.valueOf(Math.max(rss, 0)) : null,
        threads > 0 ? Integer.valueOf(threads) : null,
        null,
        null,
        null,
        null,
        kthread,
        // OSHI knows the working directory (a readlink on Linux, one proc_pidinfo call on
        // macOS; on Windows a read of the target's memory, not worth it per process). Stdio and
        // namespaces it does not know: null, i.e. unknown.
        windows || kthread || state == ProcState.ZOMBIE ? null
            : emptyToNull(p.getCurrentWorkingDirectory()),
        null,
        null,
        null);
  }

  /**
   * OSHI's state to ours; null for {@code INVALID} (the process is gone). On Linux OSHI maps
   * the letter {@code D} to WAITING and everything it does not know ({@code I}, {@code t},
   * {@code X}) to OTHER; an OTHER kernel thread is almost always {@code I} (idle), so it is
   * read as IDLE to match what the proc backend reports. Elsewhere WAITING is a process whose
   * threads all wait, i.e. sleeping.
   */
  static ProcState mapState(OSProcess.State s, boolean linux, boolean kernelThread) {
    switch (s) {
      case RUNNING:
        return ProcState.RUNNING;
      case SLEEPING:
        return ProcState.SLEEPING;
      case WAITING:
        return linux ? ProcState.DISK_SLEEP : ProcState.SLEEPING;
      case STOPPED:
      case SUSPENDED:
        return ProcState.STOPPED;
      case ZOMBIE:
        return ProcState.ZOMBIE;
      case INVALID:
        return null;
      case OTHER:
        return linux && kernelThread ? ProcState.IDLE : ProcState.OTHER;
      case NEW:
      default:
        return ProcState.OTHER;
    }
  }

  /** A numeric uid, or null ({@code ""} when unreadable, a SID on Windows). */
  static Integer parseUid(String userId) {
    if (userId == null || userId.isEmpty() || userId.length() > 10) {
      return null;
    }
    long v = 0;
    for (int i = 0; i < userId.length(); i++) {
      char c = userId.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      v = v * 10 + (c - '0');
    }
    return v > Integer.MAX_VALUE ? null : (int) v;
  }

  /**
   * Listening sockets from OSHI's connection table. Limitation: OSHI builds an inode → pid map
   * that keeps ONE pid per socket, so a socket shared by several processes (inherited by a
   * child, pre-forked servers) is credited to one of them only, and the others do not appear
   * as listeners here. The {@code proc} backend reports every holder.
   */
  static List<Listener> toListeners(List<IPConnection> connections) {
    List<Listener> out = new ArrayList<>();
    for (IPConnection c : connections) {
      String protocol = protocol(c.getType());
      if (protocol == null || !isListening(c, protocol)) {
        continue;
      }
      int pid = c.getowningProcessId();
      out.add(new Listener(protocol, InetText.format(c.getLocalAddress()), c.getLocalPort(),
          pid > 0 ? Integer.valueOf(pid) : null, null));
    }
    out.sort(ProcNet.ORDER);
    return out;
  }

  /** OSHI's {@code tcp4}/{@code tcp6}/{@code udp4}/{@code udp6} as our protocol names. */
  static String protocol(String type) {
    if (type == null) {
      return null;
    }
    switch (type.toLowerCase(Locale.ROOT)) {
      case "tcp4":
      case "tcp":
        return "tcp";
      case "tcp6":
        return "tcp6";
      case "udp4":
      case "udp":
        return "udp";
      case "udp6":
        return "udp6";
      default:
        return null;
    }
  }

  private static boolean isListening(IPConnection c, String protocol) {
    if (protocol.startsWith("tcp")) {
      return c.getState() == InternetProtocolStats.TcpState.LISTEN;
    }
    // UDP: bound to a port and not connected to a peer (no foreign address or port).
    if (c.getLocalPort() <= 0 || c.getForeignPort() != 0) {
      return false;
    }
    byte[] foreign = c.getForeignAddress();
    if (foreign != null) {
      for (byte b : foreign) {
        if (b != 0) {
          return false;
        }
      }
    }
    return true;
  }

  private HostInfo readHost(OperatingSystem os) {
    String hostname = null;
    String osText = null;
    String kernel = null;
    long bootMs = 0;
    try {
      hostname = emptyToNull(os.getNetworkParams().getHostName());
      OperatingSystem.OSVersionInfo v = os.getVersionInfo();
      String family = emptyToNull(os.getFamily());
      String version = v == null ? null : emptyToNull(v.getVersion());
      osText = family == null ? version : version == null ? family : family + " " + version;
      kernel = v == null ? null : emptyToNull(v.getBuildNumber());
      bootMs = os.getSystemBootTime() * 1000L;
    } catch (RuntimeException e) {
      // Host details are descriptive only; a snapshot without them is still a snapshot.
    }
    return new HostInfo(
        hostname != null ? hostname : "unknown",
        osText != null ? osText : System.getProperty("os.name", "unknown"),
        kernel != null ? kernel : System.getProperty("os.version", "unknown"),
        bootMs,
        Runtime.getRuntime().availableProcessors());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
