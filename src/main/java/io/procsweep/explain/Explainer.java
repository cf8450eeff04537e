package io.procsweep.explain;

import io.procsweep.cleanup.Action;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.Planner;
import io.procsweep.cleanup.PlannerContext;
import io.procsweep.cleanup.Policy;
import io.procsweep.explain.Explanation.FactEntry;
import io.procsweep.explain.Explanation.Placement;
import io.procsweep.explain.Explanation.PlanVerdict;
import io.procsweep.explain.Explanation.Relative;
import io.procsweep.explain.Explanation.RuleVerdict;
import io.procsweep.explain.Explanation.Socket;
import io.procsweep.facts.FactDef;
import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.facts.FactValues;
import io.procsweep.facts.ProcessFacts;
import io.procsweep.facts.SnapshotIndex;
import io.procsweep.rules.Rule;
import io.procsweep.rules.RuleCheck;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.Examination;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.scan.Scanner;
import io.procsweep.scan.Scope;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.state.ScanState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Explains processes from one snapshot: the scanner's own path (scope narrowed to the process,
 * facts derived with the whole table in the index, as a scan does), every rule judged with the
 * reason it did not match, and the planner and policy run for each mode without executing
 * anything. Its own package because it uses both {@code scan} and {@code cleanup}, and {@code
 * cleanup} already depends on {@code scan}.
 */
public final class Explainer {
  private final Scanner scanner;
  private final FactDeriver deriver;
  private final RuleSet rules;
  private final FactRegistry registry;
  private final PlannerContext planning;
  private final Duration grace;

  /**
   * @param scanner reads and judges the snapshot (built over {@code rules} and {@code deriver})
   * @param deriver for kernel threads, which the scanner never judges
   * @param planning the running procsweep, as {@code plan} would see it (its ancestors are
   *     never signalled; protected pid files)
   * @param grace the wait per rung the plan would use
   */
  public Explainer(Scanner scanner, FactDeriver deriver, RuleSet rules, FactRegistry registry,
      PlannerContext planning, Duration grace) {
    this.scanner = scanner;
    this.deriver = deriver;
    this.rules = rules;
    this.registry = registry;
    // Stale pid files are plan actions of their own, about no process: not explain's business.
    this.planning = new PlannerContext(planning.selfPid(), planning.ancestors(),
        planning.currentUid(), planning.currentUser(), planning.protectedPids(), List.of(),
        planning.protectIncomplete(), planning.platform(), planning.now());
    this.grace = grace;
  }

  /** Explains {@code pid}; empty when no process has it. */
  public Optional<ExplainReport> process(int pid, Duration sample)
      throws SnapshotException, InterruptedException {
    Scope scope = new Scope(Set.of(pid), Set.of(), null, Set.of(), Set.of(), Set.of());
    Examination ex = scanner.examine(sample, scope, null, ScanState.EMPTY);
    SnapshotIndex index = new SnapshotIndex(ex.result().snapshot());
    ProcessInfo p = index.get(pid);
    if (p == null) {
      return Optional.empty();
    }
    return Optional.of(report(ex.result(), null, null, List.of(explain(ex, index, p))));
  }

  /**
   * Explains every holder of a listening socket on {@code port}, by pid; with none, the
   * report's note says so.
   */
  public ExplainReport port(int port, Duration sample)
      throws SnapshotException, InterruptedException {
    Examination ex = scanner.examine(sample, Scope.ports(Set.of(port)), null, ScanState.EMPTY);
    Snapshot snapshot = ex.result().snapshot();
    SnapshotIndex index = new SnapshotIndex(snapshot);
    Set<Integer> holders = new TreeSet<>();
    boolean unseen = false;
    for (Listener l : snapshot.listeners()) {
      if (l.port() == port) {
        if (l.pid() == null) {
          unseen = true;
        } else {
          holders.add(l.pid());
        }
      }
    }
    List<Explanation> out = new ArrayList<>();
    for (int pid : holders) {
      ProcessInfo p = index.get(pid);
      if (p != null) {
        out.add(explain(ex, index, p));
      }
    }
    String note = null;
    if (out.isEmpty()) {
      note = unseen
          ? "port " + port + " has a listening socket, but which process holds it could not be"
              + " read (another user's process needs root)"
          : "nobody holds a listening socket on port " + port;
    }
    return report(ex.result(), port, note, out);
  }

  private static ExplainReport report(ScanResult r, Integer port, String note,
      List<Explanation> explanations) {
    Snapshot s = r.snapshot();
    return new ExplainReport(s.takenAt(), s.host() == null ? null : s.host().hostname(), port,
        note, explanations);
  }

  private Explanation explain(Examination ex, SnapshotIndex index, ProcessInfo p) {
    ProcessFacts facts = factsOf(ex, index, p);
    List<FactEntry> entries = new ArrayList<>();
    for (FactDef def : registry.all()) {
      entries.add(new FactEntry(def.name(), def.type(), facts.get(def.name())));
    }
    List<RuleVerdict> verdicts = new ArrayList<>();
    for (Rule r : rules.rules()) {
      RuleCheck check = r.check(facts);
      verdicts.add(new RuleVerdict(check, check.matched() ? r.evidence(facts) : Map.of()));
    }
    List<Socket> own = new ArrayList<>();
    for (Listener l : index.listeners(p.pid())) {
      own.add(socket(l, index));
    }
    own.sort(SOCKETS);
    Map<String, Socket> tree = new LinkedHashMap<>();
    for (int d : index.descendants(p.pid())) {
      for (Listener l : index.listeners(d)) {
        tree.putIfAbsent(key(l), socket(l, index));
      }
    }
    List<Socket> treeSockets = new ArrayList<>(tree.values());
    treeSockets.sort(SOCKETS);
    List<Relative> ancestors = index.ancestors(p.pid()).stream().map(Explainer::relative)
        .toList();
    List<Relative> children = index.children(p.pid()).stream().map(Explainer::relative)
        .sorted(Comparator.comparingInt(Relative::pid)).toList();
    return new Explanation(p, entries, verdicts, own, treeSockets, placement(p, facts, index),
        ancestors, children, plans(ex.result(), p));
  }

  /** The scan's facts; a kernel thread, which scans never judge, gets its own derivation. */
  private ProcessFacts factsOf(Examination ex, SnapshotIndex index, ProcessInfo p) {
    for (ProcessFacts f : ex.facts()) {
      if (f.process().key().equals(p.key())) {
        return f;
      }
    }
    return deriver.derive(index, null, q -> q.key().equals(p.key())).get(0);
  }

  private List<PlanVerdict> plans(ScanResult result, ProcessInfo p) {
    Finding finding = result.findings().stream()
        .filter(f -> f.process().key().equals(p.key())).findFirst().orElse(null);
    List<PlanVerdict> out = new ArrayList<>();
    for (Mode mode : Mode.values()) {
      // No user scope: the process was named, so only the policy itself may refuse it.
      Policy policy = Policy.of(rules, planning, mode, q -> true);
      Action action = null;
      if (finding != null) {
        Plan plan = new Planner().plan(result.withFindings(List.of(finding)), policy, grace,
            planning);
        action = plan.actions().isEmpty() ? null : plan.actions().get(0);
      }
      Policy.Refusal protection = policy.mayTouch(p, Policy.Role.TARGET).orElse(null);
      out.add(new PlanVerdict(mode, action, protection));
    }
    return out;
  }

  private static Placement placement(ProcessInfo p, FactValues facts, SnapshotIndex index) {
    Relative leader = null;
    if (p.sid() != null && p.sid() > 0 && index.get(p.sid()) != null) {
      leader = relative(index.get(p.sid()));
    }
    return new Placement(p.sid(), leader, bool(facts, "session_leader_alive"), p.pgid(),
        bool(facts, "group_leader_alive"), p.tty(), text(facts, "container"), p.pidNamespace(),
        bool(facts, "namespace_init"), p.cgroup(), text(facts, "service_unit"), p.cwd());
  }

  private static Socket socket(Listener l, SnapshotIndex index) {
    Set<Integer> pids = new TreeSet<>();
    if (l.inode() != null) {
      pids.addAll(index.holders(l.inode()));
    }
    if (pids.isEmpty()) {
      for (Listener other : index.snapshot().listeners()) {
        if (other.pid() != null && key(other).equals(key(l))) {
          pids.add(other.pid());
        }
      }
    }
    List<Relative> holders = new ArrayList<>();
    for (int pid : pids) {
      ProcessInfo h = index.get(pid);
      holders.add(new Relative(pid, h == null ? "?" : h.name()));
    }
    return new Socket(l.protocol(), l.address(), l.port(), l.inode(), holders);
  }

  private static final Comparator<Socket> SOCKETS = Comparator.comparingInt(Socket::port)
      .thenComparing(Socket::protocol).thenComparing(Socket::address);

  /** One socket, whoever holds it. */
  private static String key(Listener l) {
    return l.inode() != null ? "inode:" + l.inode()
        : l.protocol() + " " + l.address() + " " + l.port();
  }

  private static Relative relative(ProcessInfo p) {
    return new Relative(p.pid(), p.name());
  }

  private static Boolean bool(FactValues facts, String name) {
    return facts.get(name) instanceof Boolean b ? b : null;
  }

  private static String text(FactValues facts, String name) {
    Object v = facts.get(name);
    return v == null ? null : v.toString();
  }
}
