package io.procsweep.snapshot;

import io.procsweep.procfs.DeadlineRead;
import io.procsweep.procfs.ProcClock;
import io.procsweep.procfs.ProcEnviron;
import io.procsweep.procfs.ProcFiles;
import io.procsweep.procfs.ProcReader;
import io.procsweep.procfs.ProcStat;
import io.procsweep.procfs.ProcStatus;
import io.procsweep.procfs.Utf8Text;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux backend: reads /proc directly. Per process it reads {@code stat}, and what the {@link
 * ReadPlan} names: the real uid and NSpid ({@code status}, see below), {@code cmdline}, {@code
 * cgroup}, the CI markers of {@code environ} ({@link ProcEnviron}) and the {@code exe}, {@code
 * cwd}, {@code fd/0..2} and {@code ns/pid} links ({@link ProcPlacement}); with listeners also
 * {@code /proc/net/{tcp,tcp6,udp,udp6}} and the {@code fd} links of every process, which is the
 * only way to find every holder of a shared or inherited socket. {@link #read(boolean)} reads
 * all of it.
 *
 * <p>The real uid: {@code status} has it ({@code Uid:}, first number), but costs more than
 * {@code stat} itself (the kernel formats ~55 lines). The owner of a file under
 * {@code /proc/PID} is cheaper (one stat(2)) but is not always the real uid, so it stands for it
 * only where it must be: the kernel makes those files owned by the EFFECTIVE uid, and by root
 * when the process is not dumpable or has no memory (zombies) or is a kernel thread. (The
 * directory {@code /proc/PID} itself is owned by the effective uid even then: it is not used.)
 * A process whose effective uid is not its real one (a setuid program, a root daemon that called
 * seteuid) is made non-dumpable when its uid changes while {@code fs.suid_dumpable} is 0, the
 * default; so while it is 0, a file owned by someone other than root says: dumpable, effective
 * uid = owner, hence real uid = owner. Root as owner says nothing (root's own, or not dumpable),
 * so status is read then, and whenever NSpid is wanted, and for a pid that did not come from
 * listing /proc (its Tgid tells a thread from a process), and always when {@code suid_dumpable}
 * is not 0 or cannot be read. What this misses: a process that changed its effective uid and
 * then made itself dumpable again ({@code prctl(PR_SET_DUMPABLE, 1)}) shows its effective uid.
 * Cleanup's re-check before each signal ({@link #readProcess(int)}) always reads status.
 *
 * <p>Disk sleep: reading the {@code cmdline} or {@code environ} of a process in state D takes
 * its memory-map lock, which it may hold for as long as its I/O hangs; those two reads are made
 * through {@link DeadlineRead}, and one that does not finish in time is a {@link ReadFailure}
 * saying so.
 *
 * <p>Failures: a process whose stat cannot be read has exited and is dropped silently; any
 * other file that cannot be read leaves its field null and adds a {@link ReadFailure}. Only a
 * /proc that cannot be listed at all is a {@link SnapshotException}. Sockets are those of the
 * scanning process's network namespace.
 *
 * <p>Cost (measured on a 2-vCPU VM, per process, in C): stat 8.5 µs, cmdline 3.6, status 10.1,
 * cgroup 8.4, exe 2.5. The kernel's work in generating status and cgroup dominates: a read of
 * everything is about 1.2× a C loop reading the same five files but ~3× one reading only stat
 * and cmdline, while a read of stat and cmdline alone is within ~1.2× of that loop. Hence the
 * plan: a scan with the shipped rules reads stat, cmdline and the listeners of every process,
 * status where the owner is root (the uid), and NSpid (status, for a subreaper's child),
 * cgroup, cwd and fd/0-2 (daemon_like) only for the processes its rules still ask about
 * ({@code scan.Scanner}); exe, environ and ns/pid for findings; a CPU sample's first read is
 * stat alone. The five readlinks of {@link ProcPlacement} (cwd, fd/0-2, ns/pid: a few µs each)
 * are what tells a daemon from a leak and a container's init from an orphan. A listener read adds /proc/net/tcp{,6}, each a walk of the whole TCP hash (see
 * {@link ProcReader#readSeqFile}), plus one readlink per open fd on the machine.
 */
public final class ProcSnapshotSource implements SnapshotSource {
  /** Longest line of /proc/net/{tcp,udp}6 is 178 bytes; a margin for future columns. */
  private static final int NET_MAX_RECORD = 512;

  private final String proc;
  private final Path passwd;
  private final Path osRelease;
  private final Clock clock;
  /** Boot time, ticks and pages, read once per source (both reads of a sample agree). */
  private final ProcClock units;

  public ProcSnapshotSource() {
    this(Path.of("/proc"), Path.of("/etc/passwd"), Path.of("/etc/os-release"), Clock.systemUTC());
  }

  /** For tests: another /proc tree (fixtures), passwd and os-release file, and clock. */
  ProcSnapshotSource(Path procRoot, Path passwd, Path osRelease, Clock clock) {
    this.proc = procRoot.toString() + "/";
    this.passwd = passwd;
    this.osRelease = osRelease;
    this.clock = clock;
    this.units = new ProcClock(procRoot);
  }

  @Override
  public String name() {
    return "proc";
  }

  @Override
  public Snapshot read(boolean withListeners) throws SnapshotException {
    return read(ReadPlan.all(withListeners));
  }

  /** Reads {@code stat} and what {@code plan} names of every process; see the class comment. */
  @Override
  public Snapshot read(ReadPlan plan) throws SnapshotException {
    Instant takenAt = clock.instant();
    ProcReader reader = new ProcReader();
    long boot = units.bootTimeMs();
    if (boot < 0) {
      // Without the boot time no start time can be computed, and start times are what tell two
      // processes with the same pid apart: refuse rather than report wrong identities.
      throw new SnapshotException("cannot read btime from " + proc + "stat");
    }
    int[] pids = listPids();
    UserNames users = plan.has(ReadPlan.Source.UID) ? UserNames.load(passwd) : null;
    boolean ownerIsUid = plan.has(ReadPlan.Source.UID) && ownerIsRealUid(reader);
    List<ReadFailure> failures = new ArrayList<>();
    List<ProcNet.NetSocket> sockets =
        plan.listeners() ? readSockets(reader, failures) : List.of();
    Set<Long> wanted = new HashSet<>();
    for (ProcNet.NetSocket s : sockets) {
      wanted.add(s.inode());
    }
    // The fds of each process are scanned as it is read, in the same walk: a second pass over
    // the table after it measured 6-16% slower at 5,000 processes (paired, same JVM).
    boolean fold = !wanted.isEmpty();
    List<ProcessInfo> processes = new ArrayList<>(pids.length);
    Map<Long, List<Integer>> holders = new HashMap<>();
    Instant walkAt = clock.instant();
    long walkStart = System.nanoTime();
    for (Part<Walked> part : PidChunks.map(pids.length, (from, to) -> {
      ProcReader chunkReader = new ProcReader();
      List<ProcessInfo> read = new ArrayList<>(to - from);
      Map<Long, List<Integer>> found = new HashMap<>();
      List<ReadFailure> chunkFailures = new ArrayList<>();
      for (int i = from; i < to; i++) {
        ProcessInfo p = readProcess(chunkReader, pids[i], true, plan, ownerIsUid, users,
            chunkFailures);
        if (p != null) {
          read.add(p);
          if (fold && !p.kernelThread() && p.state() != ProcState.ZOMBIE) {
            scanFds(p.pid(), wanted, found, chunkFailures);
          }
        }
      }
      return new Part<>(new Walked(read, found), chunkFailures);
    })) {
      processes.addAll(part.result().processes());
      addHolders(holders, part.result().holders());
      failures.addAll(part.failures());
    }
    // CPU times are as of the walk, fd scanning included: the walk's middle stands for when
    // each process was read, whatever else the walk does.
    ReadTime walked = ReadTime.walk(walkAt, walkStart, System.nanoTime());
    List<Listener> listeners = sockets.isEmpty() ? List.of() : ProcNet.join(sockets, holders);
    failures.sort(Comparator.comparingInt(ReadFailure::pid));
    return new Snapshot(takenAt, name(), host(reader, boot), processes, listeners, failures,
        walked);
  }

  /**
   * Reads what {@code plan} left out for the processes {@code pids} of {@code snapshot}, and
   * nothing else: their {@code stat} again, to be sure each is still the process that was read
   * (same start time), then the missing sources. A process that is gone or was replaced keeps
   * its null fields. Failures of these reads join the snapshot's, as a full read would have
   * reported them.
   */
  @Override
  public Snapshot complete(Snapshot snapshot, ReadPlan plan, Set<Integer> pids)
      throws SnapshotException {
    ReadPlan missing = plan.missing();
    if (pids.isEmpty() || missing.sources().isEmpty()) {
      return snapshot;
    }
    ProcReader r = new ProcReader();
    boolean ownerIsUid = missing.has(ReadPlan.Source.UID) && ownerIsRealUid(r);
    UserNames users = missing.has(ReadPlan.Source.UID) ? UserNames.load(passwd) : null;
    List<ReadFailure> failures = new ArrayList<>(snapshot.unreadable());
    List<ProcessInfo> processes = new ArrayList<>(snapshot.processes().size());
    for (ProcessInfo p : snapshot.processes()) {
      if (!pids.contains(p.pid())) {
        processes.add(p);
        continue;
      }
      List<ReadFailure> own = new ArrayList<>();
      ProcessInfo fresh = readProcess(r, p.pid(), true, missing, ownerIsUid, users, own);
      if (fresh != null && fresh.startTimeMs() == p.startTimeMs()) {
        processes.add(plan.fill(p, fresh));
        own.stream().filter(f -> !"stat".equals(f.what())).forEach(failures::add);
      } else {
        processes.add(p);
      }
    }
    failures.sort(Comparator.comparingInt(ReadFailure::pid));
    return new Snapshot(snapshot.takenAt(), snapshot.backend(), snapshot.host(), processes,
        snapshot.listeners(), failures, snapshot.processesRead());
  }

  /**
   * Whether the owner of {@code /proc/PID}, when it is not root, is the process's real uid: see
   * the class comment. Only while {@code fs.suid_dumpable} is 0, the default, under which a
   * process whose effective uid is not its real one is not dumpable, and so owned by root.
   */
  private boolean ownerIsRealUid(ProcReader r) {
    try {
      int n = r.read(proc + "sys/fs/suid_dumpable");
      return n >= 1 && r.buffer()[0] == '0' && (n == 1 || r.buffer()[1] == '\n');
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * One process, read the same way for the whole table, for {@link #complete} and for {@link
   * #readProcess(int)}; null when it is gone, or is not a process. What {@code plan} does not
   * name stays null and is not tried, so it is no failure either.
   *
   * @param listed the pid came from listing /proc, which shows only processes; otherwise it may
   *     be any thread id (/proc/TID opens for every thread), and is read only when its status
   *     confirms {@code Tgid == pid}
   * @param ownerIsUid whether a non-root owner of /proc/PID may stand for the real uid
   * @param users the user names, when {@code plan} reads the uid
   */
  private ProcessInfo readProcess(ProcReader r, int pid, boolean listed, ReadPlan plan,
      boolean ownerIsUid, UserNames users, List<ReadFailure> failures) {
    String dir = proc + pid;
    ProcStat st;
    try {
      int n = r.read(dir + "/stat");
      st = ProcStat.parse(r.buffer(), n);
    } catch (IOException e) {
      if (!ProcReader.isGone(e)) {
        // e.g. /proc mounted with hidepid: listed but not readable. Without stat there is no
        // name or state to report, so the pid is only named in the failures.
        failures.add(new ReadFailure(pid, "stat", ProcReader.reason(e)));
      }
      return null;
    } catch (IllegalArgumentException e) {
      failures.add(new ReadFailure(pid, "stat", "unparsable"));
      return null;
    }
    boolean kthread = st.kernelThread();
    boolean zombie = st.state() == 'Z' || st.state() == 'X';
    // Disk sleep: reading its memory (cmdline, environ) can wait as long as its I/O does.
    boolean diskSleep = st.state() == 'D';

    Integer uid = null;
    if (plan.has(ReadPlan.Source.UID) && ownerIsUid && !plan.has(ReadPlan.Source.NSPIDS)
        && listed) {
      uid = nonRootOwner(dir);
    }
    ProcStatus status = null;
    boolean readStatus = !listed || plan.has(ReadPlan.Source.NSPIDS)
        || plan.has(ReadPlan.Source.UID) && uid == null;
    if (readStatus) {
      try {
        int n = r.read(dir + "/status");
        status = ProcStatus.parse(r.buffer(), n);
        if (plan.has(ReadPlan.Source.UID)) {
          uid = status.uid();
          if (uid == null) {
            failures.add(new ReadFailure(pid, "status", "no Uid line"));
          }
        }
      } catch (IOException e) {
        failures.add(new ReadFailure(pid, "status", ProcReader.reason(e)));
      }
      if (status != null && status.tgid() != null && !status.isProcess(pid)) {
        return null; // a thread of process Tgid, not a process
      }
    }
    if (!listed && (status == null || status.tgid() == null)) {
      return null; // cannot tell a process from a thread: fail closed
    }

    // Kernel threads have no user memory: no command line and no executable. Not reading them
    // saves two syscalls for what is often half the process table.
    List<String> cmdline = List.of();
    String exe = null;
    Map<String, String> ciMarkers = null;
    if (!kthread) {
      if (plan.has(ReadPlan.Source.CMDLINE)) {
        try {
          if (diskSleep) {
            byte[] b = DeadlineRead.read(dir + "/cmdline", DeadlineRead.DEADLINE_MS);
            cmdline = ProcFiles.parseCmdline(b, b.length);
          } else {
            int n = r.read(dir + "/cmdline");
            cmdline = ProcFiles.parseCmdline(r.buffer(), n);
          }
        } catch (IOException e) {
          failures.add(new ReadFailure(pid, "cmdline", ProcReader.reason(e)));
        }
      }
      if (!zombie) {
        if (plan.has(ReadPlan.Source.EXE)) {
          exe = readExe(dir, pid, failures);
        }
        if (plan.has(ReadPlan.Source.ENVIRON)) {
          ciMarkers = readCiMarkers(r, dir, pid, diskSleep, failures);
        }
      }
    }

    String cgroup = null;
    if (plan.has(ReadPlan.Source.CGROUP)) {
      try {
        int n = r.read(dir + "/cgroup");
        cgroup = ProcFiles.parseCgroup(r.buffer(), n);
      } catch (IOException e) {
        failures.add(new ReadFailure(pid, "cgroup", ProcReader.reason(e)));
      }
    }

    ProcPlacement placement =
        ProcPlacement.read(dir, pid, !kthread && !zombie, plan, failures);

    return new ProcessInfo(
        pid,
        st.ppid(),
        st.name(),
        exe,
        cmdline,
        uid == null || users == null ? null : users.name(uid),
        uid,
        ProcState.fromLinuxCode(st.state()),
        units.startTimeMs(st.startTicks()),
        units.ticksToMs(st.utimeTicks()),
        units.ticksToMs(st.stimeTicks()),
        st.rssPages() * units.pageSize(),
        st.numThreads(),
        st.pgrp(),
        st.session(),
        ProcStat.ttyName(st.ttyNr()),
        cgroup,
        kthread,
        placement.cwd(),
        placement.stdio(),
        placement.pidNamespace(),
        status == null || !plan.has(ReadPlan.Source.NSPIDS) ? null : status.nsPids(),
        ciMarkers);
  }

  /**
   * The owner of {@code dir/stat} when it is not root, else null (then status says). One
   * stat(2), against the open, read and formatting of all of status.
   */
  private static Integer nonRootOwner(String dir) {
    try {
      Object owner = Files.getAttribute(Path.of(dir + "/stat"), "unix:uid");
      return owner instanceof Integer u && u != 0 ? u : null;
    } catch (IOException | UnsupportedOperationException e) {
      return null; // gone, or not a Unix file system: status answers, or says why not
    }
  }

  /**
   * The CI job markers of its environment ({@link ProcEnviron}); null when unreadable (another
   * user's process) or gone. A zombie's environment is gone with its memory: not read.
   */
  private static Map<String, String> readCiMarkers(ProcReader r, String dir, int pid,
      boolean diskSleep, List<ReadFailure> failures) {
    try {
      if (diskSleep) {
        byte[] b = DeadlineRead.read(dir + "/environ", DeadlineRead.DEADLINE_MS);
        return ProcEnviron.parse(b, b.length, ProcEnviron.CI_MARKERS);
      }
      return ProcEnviron.readMarkers(r, dir + "/environ");
    } catch (IOException e) {
      if (!ProcReader.isGone(e)) {
        failures.add(new ReadFailure(pid, "environ", ProcReader.reason(e)));
      }
      return null;
    }
  }

  /**
   * A fresh read of one pid, through the per-process code of {@link #read} (same fields, same
   * units, same boot-time reference as this source's full reads). Empty when no process has
   * the pid, when it is a thread id (Tgid other than itself), or when its status cannot be read
   * to tell which; other unreadable fields stay null as in a full read.
   *
   * @throws SnapshotException when /proc/stat has no btime (no start time can be computed)
   */
  @Override
  public Optional<ProcessInfo> readProcess(int pid) throws SnapshotException {
    if (pid <= 0) {
      return Optional.empty();
    }
    if (units.bootTimeMs() < 0) {
      throw new SnapshotException("cannot read btime from " + proc + "stat");
    }
    return Optional.ofNullable(readProcess(new ProcReader(), pid, false, ReadPlan.ALL, false,
        UserNames.load(passwd), new ArrayList<>()));
  }

  /**
   * The exe link's target. Path decoding follows the JVM's {@code sun.jnu.encoding}, so bytes
   * that are not valid in it are replaced rather than escaped as {@link Utf8Text} would; reading
   * the raw bytes needs readlink(2) through JNA, which is not worth its start-up cost here.
   */
  private static String readExe(String dir, int pid, List<ReadFailure> failures) {
    try {
      return Files.readSymbolicLink(Path.of(dir + "/exe")).toString();
    } catch (IOException e) {
      // Another user's process: access denied, the normal case when not root. ENOENT on a
      // live process means it exited (or turned zombie) while we read it.
      failures.add(new ReadFailure(pid, "exe", ProcReader.reason(e)));
      return null;
    }
  }

  /** The listening sockets of every table; a table that cannot be read is a failure. */
  private List<ProcNet.NetSocket> readSockets(ProcReader r, List<ReadFailure> failures) {
    List<ProcNet.NetSocket> sockets = new ArrayList<>();
    for (String table : ProcNet.TABLES) {
      try {
        int n = r.readSeqFile(proc + "net/" + table, units.pageSize(), NET_MAX_RECORD);
        sockets.addAll(ProcNet.parse(r.buffer(), n, table));
      } catch (NoSuchFileException e) {
        // tcp6/udp6 are absent when IPv6 is disabled: nothing listens there.
      } catch (IOException e) {
        // Not tied to one process: pid 0 names the system itself in the failures list.
        failures.add(new ReadFailure(0, "net/" + table, ProcReader.reason(e)));
      }
    }
    return sockets;
  }

  /** Chunks come in pid order and never share a pid, so each holder list stays sorted. */
  private static void addHolders(Map<Long, List<Integer>> into,
      Map<Long, List<Integer>> chunk) {
    chunk.forEach((inode, pids) ->
        into.computeIfAbsent(inode, k -> new ArrayList<>(pids.size())).addAll(pids));
  }

  /** What one chunk of the walk read: its processes and the holders of wanted sockets. */
  private record Walked(List<ProcessInfo> processes, Map<Long, List<Integer>> holders) {}

  /** What one chunk of a parallel read found, and what it could not read. */
  private record Part<T>(T result, List<ReadFailure> failures) {}

  /**
   * Adds {@code pid} as a holder of every wanted socket it has an fd for. This is the costly
   * part of a listener read (one readlink per open fd on the machine), hence only done when
   * listeners are asked for and only inodes of listening sockets are kept.
   */
  private void scanFds(
      int pid, Set<Long> wanted, Map<Long, List<Integer>> holders, List<ReadFailure> failures) {
    boolean denied = false;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of(proc + pid + "/fd"))) {
      for (Path fd : fds) {
        String link;
        try {
          link = Files.readSymbolicLink(fd).toString();
        } catch (NoSuchFileException e) {
          continue; // closed since the listing
        } catch (IOException e) {
          denied = true;
          continue;
        }
        long inode = ProcNet.socketInode(link);
        if (inode >= 0 && wanted.contains(inode)) {
          List<Integer> pids = holders.computeIfAbsent(inode, k -> new ArrayList<>(1));
          if (!pids.contains(pid)) { // the same socket dup'ed onto several fds
            pids.add(pid);
          }
        }
      }
    } catch (NoSuchFileException e) {
      return; // exited since its stat was read
    } catch (AccessDeniedException e) {
      denied = true;
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      failures.add(new ReadFailure(pid, "fd", e.getMessage()));
      return;
    }
    if (denied) {
      failures.add(new ReadFailure(pid, "fd", "access denied"));
    }
  }

  private int[] listPids() throws SnapshotException {
    int[] pids = new int[1024];
    int n = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(proc))) {
      for (Path p : ds) {
        int pid = parsePid(p.getFileName().toString());
        if (pid > 0) {
          if (n == pids.length) {
            pids = Arrays.copyOf(pids, n * 2);
          }
          pids[n++] = pid;
        }
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      throw new SnapshotException("cannot list " + proc + ": " + e.getMessage(), e);
    }
    int[] out = Arrays.copyOf(pids, n);
    Arrays.sort(out);
    return out;
  }

  /** The pid a /proc entry names, or -1 for the non-process entries. */
  static int parsePid(String name) {
    int len = name.length();
    if (len == 0 || len > 10) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < len; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  private HostInfo host(ProcReader r, long boot) {
    String hostname = firstLine(r, proc + "sys/kernel/hostname");
    String kernel = firstLine(r, proc + "sys/kernel/osrelease");
    String os = null;
    try {
      os = OsRelease.parsePrettyName(Utf8Text.decode(Files.readAllBytes(osRelease)));
    } catch (IOException e) {
      // os-release is optional (minimal containers); the kernel name is the honest fallback.
    }
    return new HostInfo(
        hostname != null ? hostname : "unknown",
        os != null ? os : "Linux",
        kernel != null ? kernel : "unknown",
        boot,
        Runtime.getRuntime().availableProcessors());
  }

  private static String firstLine(ProcReader r, String path) {
    try {
      int n = r.read(path);
      int eol = ProcFiles.indexOf(r.buffer(), 0, n, (byte) '\n');
      String s = Utf8Text.decode(r.buffer(), 0, eol < 0 ? n : eol).strip();
      return s.isEmpty() ? null : s;
    } catch (IOException e) {
      return null;
    }
  }
}
