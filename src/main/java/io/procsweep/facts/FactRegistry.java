package io.procsweep.facts;

import static io.procsweep.snapshot.ReadPlan.Source.CGROUP;
import static io.procsweep.snapshot.ReadPlan.Source.CMDLINE;
import static io.procsweep.snapshot.ReadPlan.Source.CWD;
import static io.procsweep.snapshot.ReadPlan.Source.ENVIRON;
import static io.procsweep.snapshot.ReadPlan.Source.EXE;
import static io.procsweep.snapshot.ReadPlan.Source.LISTENERS;
import static io.procsweep.snapshot.ReadPlan.Source.NSPIDS;
import static io.procsweep.snapshot.ReadPlan.Source.PID_NAMESPACE;
import static io.procsweep.snapshot.ReadPlan.Source.STDIO;
import static io.procsweep.snapshot.ReadPlan.Source.UID;

import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadPlan;
import io.procsweep.snapshot.ReadPlan.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of facts rules can test: name, type, meaning, platforms and how each is
 * computed. {@code procsweep rules facts} prints it; the rule loader validates against it.
 */
public final class FactRegistry {

  /** CPU percent (of one core) above which {@code high_cpu_seconds} counts a process busy. */
  public static final double HIGH_CPU_PERCENT = 90.0;

  private static final List<String> STATES =
      Arrays.stream(ProcState.values()).map(ProcState::label).collect(Collectors.toList());

  private final Map<String, FactDef> defs = new LinkedHashMap<>();

  private FactRegistry() {
    add("pid", FactType.INTEGER, "process id", "all", c -> (long) c.process().pid());
    add("ppid", FactType.INTEGER, "parent process id as the OS reports it", "all",
        c -> (long) c.process().ppid());
    add("name", FactType.STRING, "short process name (Linux: comm, at most 15 bytes)", "all",
        c -> c.process().name());
    add("exe", FactType.STRING, "executable path (null when unreadable)", "all",
        c -> c.process().exe(), EXE);
    add("user", FactType.STRING, "owner's user name", "all", c -> c.process().user(), UID);
    add("uid", FactType.INTEGER, "owner's real user id", "linux, macos",
        c -> c.process().uid() == null ? null : (long) c.process().uid(), UID);
    defs.put("state", new FactDef("state", FactType.STATE,
        "process state: " + String.join(", ", STATES), "all", STATES,
        c -> c.process().state().label(), Set.of()));
    add("cmdline", FactType.STRING, "command line, arguments joined by spaces", "all",
        c -> String.join(" ", c.process().cmdline()), CMDLINE);
    add("args", FactType.STRING_LIST, "command line as a list of arguments", "all",
        c -> c.process().cmdline(), CMDLINE);
    add("age_seconds", FactType.INTEGER, "seconds since the process started", "all",
        FactRegistry::ageSeconds);
    add("parent_name", FactType.STRING, "name of the parent in the same snapshot (null if gone)",
        "all", c -> c.parent() == null ? null : c.parent().name());
    add("parent_alive", FactType.BOOLEAN, "the parent pid is present in the same snapshot", "all",
        c -> c.process().ppid() > 0 && c.parent() != null);
    // NSpid (status) only for a subreaper's child: whether it is a container's init.
    defs.put("reparented", new FactDef("reparented", FactType.BOOLEAN,
        "adopted: Linux/Unix parent is pid 1 or a known subreaper, except a child that leads its"
            + " own process group in its parent's session (started by it: tini, job-control"
            + " shells) and a namespace init under a subreaper or shim (namespace_init);"
            + " Windows/macOS: parent gone or its pid reused by a younger process", "all",
        List.of(), FactRegistry::reparented, Set.of(), Set.of(NSPIDS),
        FactRegistry::adoptedBySubreaper));
    add("pgid", FactType.INTEGER, "process group id", "linux, macos",
        c -> toLong(c.process().pgid()));
    add("sid", FactType.INTEGER,
        "session id (0: started by the kernel or init outside any session)", "linux, macos",
        c -> toLong(c.process().sid()));
    add("session_leader", FactType.BOOLEAN, "the process leads its own session (sid = pid)",
        "linux, macos",
        c -> c.process().sid() == null ? null : c.process().sid() == c.process().pid());
    add("tty", FactType.STRING, "controlling terminal (e.g. pts/0), null when none", "linux, macos",
        c -> c.process().tty());
    add("session_leader_alive", FactType.BOOLEAN,
        "the leader of the process's session still runs (null for session 0)", "linux, macos",
        c -> leaderAlive(c, c.process().sid()));
    add("group_leader_alive", FactType.BOOLEAN,
        "the leader of the process's group still runs (null for group 0)", "linux, macos",
        c -> leaderAlive(c, c.process().pgid()));
    add("daemon_like", FactType.BOOLEAN,
        "a daemon by construction: run by a service manager unit; or its own session leader"
            + " without a terminal (setsid); or the daemon(3) double fork: no terminal,"
            + " stdio_detached and cwd exactly /", "linux, macos", FactRegistry::daemonLike,
        CGROUP, STDIO, CWD);
    add("cgroup", FactType.STRING, "cgroup path", "linux", c -> c.process().cgroup(), CGROUP);
    add("service_unit", FactType.STRING,
        "systemd unit name when the cgroup's last component is a .service", "linux",
        c -> serviceUnit(c.process().cgroup()), CGROUP);
    add("container", FactType.STRING,
        "container id (64 hex digits) from the cgroup path: docker, containerd, podman,"
            + " Kubernetes (CRI-O, containerd); null when not in a container or unknown", "linux",
        c -> ContainerId.fromCgroup(c.process().cgroup()), CGROUP);
    add("pid_namespace", FactType.INTEGER, "inode number of its pid namespace (ns/pid link)",
        "linux", c -> c.process().pidNamespace(), PID_NAMESPACE);
    add("namespace_init", FactType.BOOLEAN,
        "pid 1 of a pid namespace nested below procsweep's (a container's init): its NSpid has"
            + " more than one entry and the last is 1", "linux", FactRegistry::namespaceInit,
        NSPIDS);
    add("cwd", FactType.STRING, "working directory (null when unreadable)", "linux, macos",
        c -> c.process().cwd(), CWD);
    add("ci_job", FactType.STRING,
        "the CI job that started it, as system:id, from the environment it was started with:"
            + " PROCSWEEP_RUN_ID (procsweep:), RUNNER_TRACKING_ID (github:), JENKINS_NODE_COOKIE"
            + " or BUILD_ID (jenkins:), CI_JOB_ID (gitlab:), BUILDKITE_JOB_ID (buildkite:), the"
            + " first set to a value that is no opt-out (empty, 0 for GitHub, dontKillMe for"
            + " Jenkins); null when none, or the environment is unreadable (another user's"
            + " process when not root)", "linux", c -> CiJob.of(c.process().ciMarkers()), ENVIRON);
    add("stdio", FactType.STRING_LIST,
        "what fds 0, 1, 2 point to, each one of null (/dev/null), tty, pipe, socket, file"
            + " (anything else: a file, another device), closed", "linux",
        c -> c.process().stdio(), STDIO);
    add("stdio_detached", FactType.BOOLEAN,
        "none of fds 0-2 is a tty, pipe or socket (each is /dev/null, a file or closed): no"
            + " terminal and nobody at the other end of a pipe", "linux",
        c -> stdioDetached(c.process()), STDIO);
    add("kernel_thread", FactType.BOOLEAN, "a kernel thread (never a finding)", "linux",
        c -> c.process().kernelThread());
    add("cpu_percent", FactType.NUMBER,
        "CPU over the sample window, 100 = one full core; the window runs between the two reads'"
            + " process-table walks. With --sample 0 and saved state (--state, watch): over the"
            + " time since the previous run read the same process; null when neither", "all",
        c -> c.history().cpuPercent(c.process()));
    add("cpu_lifetime_percent", FactType.NUMBER, "CPU time used divided by age, 100 = one core",
        "all", FactRegistry::lifetimePercent);
    add("high_cpu_seconds", FactType.NUMBER,
        "seconds the process is known to have stayed at or above " + (int) HIGH_CPU_PERCENT
            + "% CPU: the cpu_percent window, and across runs with saved state (--state, watch)"
            + " while every window stays above it; 0 below it, null when cpu_percent is", "all",
        c -> c.history().highCpuSeconds(c.process()));
    add("state_seconds", FactType.NUMBER,
        "seconds the process is known to have been in its current state: since the first read"
            + " that saw it there, this scan's (the sample window) or an earlier run's with saved"
            + " state (--state, watch); null when unknown", "all",
        c -> c.history().stateSeconds(c.process()));
    add("rss_bytes", FactType.INTEGER, "resident memory in bytes", "all",
        c -> c.process().rssBytes());
    add("threads", FactType.INTEGER, "thread count", "all", c -> toLong(c.process().threads()));
    add("children", FactType.INTEGER, "number of live children", "all",
        c -> (long) c.index().children(c.process().pid()).size());
    add("zombie_children", FactType.INTEGER, "number of children that are zombies", "all",
        c -> c.index().zombieChildren(c.process().pid()));
    add("listening", FactType.BOOLEAN, "holds at least one listening socket", "all",
        c -> !c.index().listeners(c.process().pid()).isEmpty(), LISTENERS);
    add("listening_ports", FactType.INTEGER_LIST, "ports of the listening sockets it holds", "all",
        FactRegistry::listeningPorts, LISTENERS);
    add("tree_listening_ports", FactType.INTEGER_LIST,
        "ports of the listening sockets held by it or any of its descendants", "all",
        FactRegistry::treeListeningPorts, LISTENERS);
    add("tree_listening", FactType.BOOLEAN,
        "it or one of its descendants holds a listening socket: the port an orphaned wrapper"
            + " keeps busy through its child", "all",
        c -> c.index().inListeningTree(c.process().pid()), LISTENERS);
    add("tree_listeners", FactType.INTEGER_LIST,
        "the pids in its tree (itself and its descendants) that hold listening sockets: whom a"
            + " port finding on a wrapper is really about", "all", FactRegistry::treeListeners,
        LISTENERS);
    add("listener_holders", FactType.INTEGER_LIST,
        "every pid holding one of its listening sockets, itself included (empty when it"
            + " listens on nothing; null when a socket's holders are unknown)", "linux",
        FactRegistry::listenerHolderPids, LISTENERS);
    add("listener_shared", FactType.BOOLEAN,
        "one of its listening sockets is held by several processes", "linux",
        c -> listenerHolders(c).stream().anyMatch(h -> h.size() > 1), LISTENERS);
    add("listener_inherited", FactType.BOOLEAN,
        "one of its listening sockets is also held by an ancestor (it inherited the socket)",
        "linux", FactRegistry::listenerInherited, LISTENERS);
  }

  /** The standard set of facts. */
  public static FactRegistry standard() {
    return new FactRegistry();
  }

  public List<FactDef> all() {
    return List.copyOf(defs.values());
  }

  public Optional<FactDef> find(String name) {
    return Optional.ofNullable(defs.get(name));
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(defs.keySet());
  }

  /**
   * What a read must take for {@code facts} to be computed: the union of what each reads. A
   * name this registry does not know reads everything (whatever it is, it is not left unread).
   */
  public ReadPlan reads(Collection<String> facts) {
    Set<Source> out = EnumSet.noneOf(Source.class);
    for (String f : facts) {
      FactDef def = defs.get(f);
      if (def == null) {
        out.addAll(ReadPlan.ALL.sources());
      } else {
        out.addAll(def.reads());
        out.addAll(def.readsWhere());
      }
    }
    return new ReadPlan(out);
  }

  /**
   * The facts a read with {@code plan} cannot compute for any process: some source of theirs
   * is not in it.
   */
  public Set<String> unread(ReadPlan plan) {
    Set<String> out = new HashSet<>();
    for (FactDef def : defs.values()) {
      if (!plan.sources().containsAll(def.reads())) {
        out.add(def.name());
      }
    }
    return out;
  }

  /**
   * The facts a read with {@code plan} computes for some processes only: those their {@link
   * FactDef#where} accepts need a source the plan left out. (Those it cannot compute at all are
   * {@link #unread}.)
   */
  public List<FactDef> unreadWhere(ReadPlan plan) {
    List<FactDef> out = new ArrayList<>();
    for (FactDef def : defs.values()) {
      if (plan.sources().containsAll(def.reads())
          && !plan.sources().containsAll(def.readsWhere())) {
        out.add(def);
      }
    }
    return out;
  }

  /** @param reads what of a process's own /proc files it is computed from, besides stat */
  private void add(String name, FactType type, String meaning, String platforms,
      Function<FactContext, Object> compute, Source... reads) {
    defs.put(name, new FactDef(name, type, meaning, platforms, List.of(), compute, Set.of(reads)));
  }

  private static Long toLong(Integer v) {
    return v == null ? null : (long) v;
  }

  private static long ageSeconds(FactContext c) {
    return Math.max(0, (c.now().toEpochMilli() - c.process().startTimeMs()) / 1000);
  }

  static boolean reparented(FactContext c) {
    ProcessInfo p = c.process();
    if (p.pid() <= 1 || p.kernelThread()) {
      return false;
    }
    if ("windows".equals(c.platform()) || "macos".equals(c.platform())) {
      ProcessInfo parent = c.parent();
      if ("macos".equals(c.platform()) && p.ppid() == 1) {
        return true;
      }
      return parent == null || parent.startTimeMs() > p.startTimeMs();
    }
    ProcessInfo parent = c.parent();
    boolean bySubreaper = adoptedBySubreaper(c);
    if (p.ppid() != 1 && !bySubreaper) {
      return false;
    }
    // A container's init is the child of a shim or subreaper by design (the runtime that
    // created it exits). Under the host's init its launcher is gone: that one counts.
    if (bySubreaper && Boolean.TRUE.equals(namespaceInit(c))) {
      return false;
    }
    return !startedByParent(p, parent);
  }

  /**
   * Linux/Unix: the parent is a known subreaper other than pid 1, the one case where {@link
   * #reparented} asks NSpid. From stat fields alone, so a read can leave status for later.
   */
  static boolean adoptedBySubreaper(FactContext c) {
    ProcessInfo p = c.process();
    if ("windows".equals(c.platform()) || "macos".equals(c.platform()) || p.ppid() == 1
        || p.pid() <= 1 || p.kernelThread()) {
      return false;
    }
    ProcessInfo parent = c.parent();
    return parent != null && c.subreapers().contains(parent.name());
  }

  /**
   * Whether a child of an adopter was started by it rather than adopted: it leads a process
   * group of its own inside its parent's session. tini, catatonit and job-control shells put
   * each child they start in a new group; an adopted process keeps the group and session of
   * the parent it lost, which its adopter does not lead. A service manager's children lead
   * their own session instead, which the orphan rules handle (session_leader, daemon_like).
   */
  private static boolean startedByParent(ProcessInfo p, ProcessInfo parent) {
    return parent != null && p.pgid() != null && p.pgid() == p.pid()
        && p.sid() != null && p.sid() != p.pid() && p.sid().equals(parent.sid());
  }

  static Boolean namespaceInit(FactContext c) {
    List<Integer> ns = c.process().nsPids();
    if (ns == null || !c.linux()) {
      return null;
    }
    return ns.size() > 1 && ns.get(ns.size() - 1) == 1;
  }

  /** None of fds 0-2 reaches a terminal or another process; null when stdio is unknown. */
  static Boolean stdioDetached(ProcessInfo p) {
    if (p.stdio() == null) {
      return null;
    }
    for (String kind : p.stdio()) {
      if (kind.equals("tty") || kind.equals("pipe") || kind.equals("socket")) {
        return false;
      }
    }
    return true;
  }

  private static Boolean leaderAlive(FactContext c, Integer leader) {
    if (leader == null || leader <= 0) {
      return null;
    }
    ProcessInfo p = c.index().get(leader);
    return p != null && p.state() != ProcState.ZOMBIE;
  }

  private static Boolean daemonLike(FactContext c) {
    ProcessInfo p = c.process();
    if (serviceUnit(p.cgroup()) != null) {
      return true;
    }
    if (p.sid() == null) {
      return null;
    }
    if (p.tty() != null) {
      return false;
    }
    if (p.sid() == p.pid()) {
      return true; // setsid: leads its own session, without a terminal
    }
    // The daemon(3) double fork: the second child is no session leader, but it gave up its
    // terminal, its stdio and its working directory. Unknown stdio or cwd leaves it unknown.
    Boolean detached = stdioDetached(p);
    String cwd = p.cwd();
    if (Boolean.FALSE.equals(detached) || cwd != null && !cwd.equals("/")) {
      return false;
    }
    if (detached == null || cwd == null) {
      // Linux reads both from /proc, so unknown means unreadable and stays unknown. Elsewhere
      // neither is read (OSHI on macOS/Windows): the setsid definition alone applies there.
      return c.linux() ? null : false;
    }
    return true;
  }

  /** The unit name when the cgroup's last path component is a systemd service. */
  static String serviceUnit(String cgroup) {
    if (cgroup == null) {
      return null;
    }
    String last = cgroup.substring(cgroup.lastIndexOf('/') + 1);
    return last.endsWith(".service") ? last : null;
  }

  private static Double lifetimePercent(FactContext c) {
    long ageMs = c.now().toEpochMilli() - c.process().startTimeMs();
    if (ageMs <= 0) {
      return null;
    }
    return c.process().cpuTotalMs() * 100.0 / ageMs;
  }

  private static List<Long> listeningPorts(FactContext c) {
    Set<Long> ports = new TreeSet<>();
    for (Listener l : c.index().listeners(c.process().pid())) {
      ports.add((long) l.port());
    }
    return List.copyOf(ports);
  }

  private static List<Long> treeListeningPorts(FactContext c) {
    Set<Long> ports = new TreeSet<>(listeningPorts(c));
    for (int d : c.index().descendants(c.process().pid())) {
      for (Listener l : c.index().listeners(d)) {
        ports.add((long) l.port());
      }
    }
    return List.copyOf(ports);
  }

  private static List<Long> treeListeners(FactContext c) {
    Set<Long> pids = new TreeSet<>();
    if (!c.index().listeners(c.process().pid()).isEmpty()) {
      pids.add((long) c.process().pid());
    }
    for (int d : c.index().descendants(c.process().pid())) {
      if (!c.index().listeners(d).isEmpty()) {
        pids.add((long) d);
      }
    }
    return List.copyOf(pids);
  }

  private static List<Long> listenerHolderPids(FactContext c) {
    Set<Long> pids = new TreeSet<>();
    for (Listener l : c.index().listeners(c.process().pid())) {
      if (l.inode() == null) {
        return null; // OSHI credits a shared socket to one holder: the others are unknown
      }
      for (int h : c.index().holders(l.inode())) {
        pids.add((long) h);
      }
    }
    return List.copyOf(pids);
  }

  private static List<Set<Integer>> listenerHolders(FactContext c) {
    List<Set<Integer>> out = new ArrayList<>();
    for (Listener l : c.index().listeners(c.process().pid())) {
      if (l.inode() != null) {
        out.add(c.index().holders(l.inode()));
      }
    }
    return out;
  }

  private static boolean listenerInherited(FactContext c) {
    Set<Integer> ancestors = new TreeSet<>();
    for (ProcessInfo a : c.index().ancestors(c.process().pid())) {
      ancestors.add(a.pid());
    }
    for (Set<Integer> holders : listenerHolders(c)) {
      for (int h : holders) {
        if (ancestors.contains(h)) {
          return true;
        }
      }
    }
    return false;
  }
}
