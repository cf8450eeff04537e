package io.procsweep.scan;

import com.google.re2j.Pattern;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadPlan;
import java.io.File;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which processes and rules a scan looks at. Empty sets mean "no restriction"; the process
 * restrictions all hold at once. Shared by scan, plan and clean.
 *
 * @param pids only these pids
 * @param users only processes of these user names (or numeric uids)
 * @param match only processes whose command line (or name, when it has none) this finds; a
 *     zombie has no command line, so its parent's is searched too
 * @param descendantsOf only descendants of these pids (not the pids themselves)
 * @param categories only rules of these categories
 * @param rules only these rule ids
 * @param ports only the trees of these listening ports: see {@link #portTrees}
 * @param repo only processes of this repository (an absolute, symlink-free directory), or null
 *     for no such restriction: see {@link #repoTrees}
 * @param repoPorts with {@code repo}, the ports whose trees belong to the repository as well
 *     (what its rule files watch); ignored without {@code repo}
 */
public record Scope(
    Set<Integer> pids,
    Set<String> users,
    Pattern match,
    Set<Integer> descendantsOf,
    Set<String> categories,
    Set<String> rules,
    Set<Integer> ports,
    String repo,
    Set<Integer> repoPorts) {

  public static final Scope ALL =
      new Scope(Set.of(), Set.of(), null, Set.of(), Set.of(), Set.of(), Set.of());

  public Scope {
    pids = Set.copyOf(pids);
    users = Set.copyOf(users);
    descendantsOf = Set.copyOf(descendantsOf);
    categories = Set.copyOf(categories);
    rules = Set.copyOf(rules);
    ports = Set.copyOf(ports);
    repoPorts = Set.copyOf(repoPorts);
  }

  /** A scope without repository restriction. */
  public Scope(Set<Integer> pids, Set<String> users, Pattern match, Set<Integer> descendantsOf,
      Set<String> categories, Set<String> rules, Set<Integer> ports) {
    this(pids, users, match, descendantsOf, categories, rules, ports, null, Set.of());
  }

  /** A scope without port restriction. */
  public Scope(Set<Integer> pids, Set<String> users, Pattern match, Set<Integer> descendantsOf,
      Set<String> categories, Set<String> rules) {
    this(pids, users, match, descendantsOf, categories, rules, Set.of());
  }

  /**
   * What this scope tests of every process besides stat: the owner for {@code --user}, the
   * command line for {@code --match}, cwd and exe for {@code --repo}, the listeners for {@code
   * --port} and a repository's ports.
   */
  public ReadPlan reads() {
    EnumSet<ReadPlan.Source> out = EnumSet.noneOf(ReadPlan.Source.class);
    if (!users.isEmpty()) {
      out.add(ReadPlan.Source.UID);
    }
    if (match != null) {
      out.add(ReadPlan.Source.CMDLINE);
    }
    if (repo != null) {
      out.add(ReadPlan.Source.CWD);
      out.add(ReadPlan.Source.EXE);
      if (!repoPorts.isEmpty()) {
        out.add(ReadPlan.Source.LISTENERS);
      }
    }
    if (!ports.isEmpty()) {
      out.add(ReadPlan.Source.LISTENERS);
    }
    return new ReadPlan(out);
  }

  /** The process filter over one snapshot; descendant and port sets are computed once. */
  ProcessFilter processFilter(SnapshotIndex index) {
    Set<Integer> under = null;
    if (!descendantsOf.isEmpty()) {
      under = new HashSet<>();
      for (int root : descendantsOf) {
        under.addAll(index.descendants(root));
      }
    }
    Set<Integer> allowedDescendants = under;
    Set<Integer> portTrees = ports.isEmpty() ? null : portTrees(index);
    Set<Integer> repoTrees = repo == null ? null : repoTrees(index);
    return p -> (pids.isEmpty() || pids.contains(p.pid()))
        && (users.isEmpty() || userMatches(p))
        && (match == null || matches(p, index))
        && (allowedDescendants == null || allowedDescendants.contains(p.pid()))
        && (portTrees == null || portTrees.contains(p.pid()))
        && (repoTrees == null || repoTrees.contains(p.pid()));
  }

  /**
   * The pids {@code --repo} selects: every process whose working directory or executable is
   * {@link #repo} or below it, with its descendants (a zombie or a child that moved elsewhere
   * still belongs to what the repository started), and the trees of {@link #repoPorts} as
   * {@link #portTrees} takes them (a stale dev server of the repository, started from another
   * directory, still holds its port). Empty without a repository.
   */
  public Set<Integer> repoTrees(SnapshotIndex index) {
    Set<Integer> out = new TreeSet<>();
    if (repo == null) {
      return out;
    }
    for (ProcessInfo p : index.snapshot().processes()) {
      if (!out.contains(p.pid()) && (under(p.cwd(), repo) || under(p.exe(), repo))) {
        out.add(p.pid());
        out.addAll(index.descendants(p.pid()));
      }
    }
    if (!repoPorts.isEmpty()) {
      out.addAll(portTrees(index, repoPorts));
    }
    return out;
  }

  /**
   * Whether {@code path} is {@code dir} or lies below it, compared by path components (so
   * {@code /src/app2} is not below {@code /src/app}). Linux shows a working directory that was
   * removed as {@code PATH (deleted)}, which still counts as below its old parent.
   */
  static boolean under(String path, String dir) {
    if (path == null || !path.startsWith(dir)) {
      return false;
    }
    if (path.length() == dir.length() || dir.endsWith("/") || dir.endsWith(File.separator)) {
      return true;
    }
    char next = path.charAt(dir.length());
    return next == '/' || next == File.separatorChar;
  }

  /**
   * Whether a process is inside the process part of this scope (pids, users, match,
   * descendants, ports, repository), judged on {@code index}; cleanup's policy applies it to
   * zombies' parents.
   */
  public Predicate<ProcessInfo> admits(SnapshotIndex index) {
    ProcessFilter filter = processFilter(index);
    return filter::test;
  }

  /**
   * The pids {@code --port} selects: every holder of a listening socket (TCP or UDP) on one of
   * the ports, the holders' descendants, and their ancestors within the holder's process group
   * (the job that started it: the {@code npm exec} wrapper above {@code sh} above the
   * {@code node} that holds :5173). The walk up stops at the first ancestor in another group,
   * and never takes in pid 1; where process groups are unknown (not Linux or Unix) it takes in
   * no ancestor.
   */
  public Set<Integer> portTrees(SnapshotIndex index) {
    return portTrees(index, ports);
  }

  private static Set<Integer> portTrees(SnapshotIndex index, Set<Integer> ports) {
    Set<Integer> out = new TreeSet<>();
    for (int holder : holders(index, ports)) {
      out.add(holder);
      out.addAll(index.descendants(holder));
      ProcessInfo h = index.get(holder);
      Integer group = h == null ? null : h.pgid();
      if (group == null) {
        continue;
      }
      for (ProcessInfo a : index.ancestors(holder)) {
        if (a.pid() <= 1 || !group.equals(a.pgid())) {
          break;
        }
        out.add(a.pid());
      }
    }
    return out;
  }

  /** Pids holding a listening socket on one of {@code ports}. */
  private static Set<Integer> holders(SnapshotIndex index, Set<Integer> ports) {
    Set<Integer> out = new TreeSet<>();
    for (Listener l : index.snapshot().listeners()) {
      if (l.pid() != null && ports.contains(l.port())) {
        out.add(l.pid());
      }
    }
    return out;
  }

  /**
   * What in this scope names nothing in the snapshot, as one sentence each: a
   * {@code --descendants-of} pid no process has. Such a scope is a mistake (a typo, a stale
   * pid), not a question whose answer is "nothing".
   */
  public List<String> unresolved(SnapshotIndex index) {
    List<String> out = new ArrayList<>();
    for (int pid : new TreeSet<>(descendantsOf)) {
      if (index.get(pid) == null) {
        out.add("--descendants-of " + pid + ": no process has pid " + pid);
      }
    }
    return out;
  }

  /**
   * The {@code --port} ports nothing in the snapshot listens on, or that only processes
   * procsweep cannot see hold (another user's, when not root): a note for the user, since "no
   * one holds it" is a legitimate answer (freeing a port that is already free does nothing).
   */
  public List<String> portNotes(SnapshotIndex index) {
    List<String> out = new ArrayList<>();
    for (int port : new TreeSet<>(ports)) {
      boolean listened = false;
      boolean seenHolder = false;
      for (Listener l : index.snapshot().listeners()) {
        if (l.port() == port) {
          listened = true;
          seenHolder |= l.pid() != null;
        }
      }
      if (!listened) {
        out.add("no process listens on port " + port);
      } else if (!seenHolder) {
        out.add("port " + port + " is held by a process procsweep cannot see (another user's,"
            + " or in another namespace)");
      }
    }
    return out;
  }

  boolean ruleSelected(String id, String category) {
    return (rules.isEmpty() || rules.contains(id))
        && (categories.isEmpty() || categories.contains(category));
  }

  /**
   * The command line, or for a zombie (whose command line the kernel has dropped) its parent's:
   * {@code --match} names the program that leaked it.
   */
  private boolean matches(ProcessInfo p, SnapshotIndex index) {
    if (match.matcher(p.commandLine()).find()) {
      return true;
    }
    if (p.state() != ProcState.ZOMBIE || !p.cmdline().isEmpty()) {
      return false;
    }
    ProcessInfo parent = index.get(p.ppid());
    return parent != null && parent.pid() != p.pid() && match.matcher(parent.commandLine()).find();
  }

  private boolean userMatches(ProcessInfo p) {
    return (p.user() != null && users.contains(p.user()))
        || (p.uid() != null && users.contains(String.valueOf(p.uid())));
  }

  /** Convenience for tests and callers with one marker: processes whose command line has it. */
  public static Scope matching(String literal) {
    return new Scope(Set.of(), Set.of(), Pattern.compile(Pattern.quote(literal)), Set.of(),
        Set.of(), Set.of());
  }

  /** Convenience: the processes of repository {@code dir} and the trees of {@code ports}. */
  public static Scope repo(String dir, Set<Integer> ports) {
    Objects.requireNonNull(dir, "dir");
    return new Scope(Set.of(), Set.of(), null, Set.of(), Set.of(), Set.of(), Set.of(), dir,
        ports);
  }

  /** Convenience: the trees of these listening ports. */
  public static Scope ports(Set<Integer> ports) {
    Objects.requireNonNull(ports, "ports");
    return new Scope(Set.of(), Set.of(), null, Set.of(), Set.of(), Set.of(), ports);
  }

  /** Filter over processes. */
  @FunctionalInterface
  interface ProcessFilter {
    boolean test(ProcessInfo p);
  }
}
