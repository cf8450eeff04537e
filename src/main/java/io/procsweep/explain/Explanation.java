package io.procsweep.explain;

import io.procsweep.cleanup.Action;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.Policy;
import io.procsweep.facts.FactType;
import io.procsweep.rules.RuleCheck;
import io.procsweep.snapshot.ProcessInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything procsweep knows about one process from one snapshot: what {@code procsweep explain}
 * prints. Pure data; {@link Explainer} builds it.
 *
 * @param process the process as read
 * @param facts every registered fact, in registry order, with its value (null: unknown)
 * @param rules every loaded rule, in load order, judged against the facts
 * @param sockets the listening sockets it holds, each with every holder
 * @param treeSockets the listening sockets its descendants hold (a wrapper's server), each with
 *     every holder
 * @param placement session, group, terminal, container, namespace
 * @param ancestors its parent, grandparent, ... up to pid 1, nearest first, as far as the
 *     snapshot shows them
 * @param children its live children, by pid
 * @param plans what {@code plan} would do for it, one entry per mode (safe, then forced)
 */
public record Explanation(
    ProcessInfo process,
    List<FactEntry> facts,
    List<RuleVerdict> rules,
    List<Socket> sockets,
    List<Socket> treeSockets,
    Placement placement,
    List<Relative> ancestors,
    List<Relative> children,
    List<PlanVerdict> plans) {

  public Explanation {
    Objects.requireNonNull(process, "process");
    facts = List.copyOf(facts);
    rules = List.copyOf(rules);
    sockets = List.copyOf(sockets);
    treeSockets = List.copyOf(treeSockets);
    Objects.requireNonNull(placement, "placement");
    ancestors = List.copyOf(ancestors);
    children = List.copyOf(children);
    plans = List.copyOf(plans);
  }

  /** One fact and its value for this process; a null value is unknown. */
  public record FactEntry(String name, FactType type, Object value) {
    public FactEntry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * One rule judged: whether it matched and why not, and when it did, the facts that made it
   * (its evidence, as a scan's finding reports it).
   */
  public record RuleVerdict(RuleCheck check, Map<String, Object> evidence) {
    public RuleVerdict {
      Objects.requireNonNull(check, "check");
      // Unknown facts are null values, which Map.copyOf refuses.
      evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** The rule's description, or its id when it has none: a finding's message. */
    public String message() {
      String d = check.rule().description();
      return d == null || d.isBlank() ? check.rule().id() : d;
    }
  }

  /** A process named by pid and short name. */
  public record Relative(int pid, String name) {}

  /**
   * One listening socket and every process holding it (an inherited socket has several).
   *
   * @param inode the socket inode (Linux), or null
   * @param holders every holder, by pid, the explained process included where it holds it
   */
  public record Socket(String protocol, String address, int port, Long inode,
      List<Relative> holders) {
    public Socket {
      holders = List.copyOf(holders);
    }
  }

  /**
   * Where the process lives. A null field is unknown or does not apply on this platform.
   *
   * @param sessionLeader the session's leader when it still runs; null when it is gone, unknown
   *     or the session is 0
   * @param sessionLeaderAlive the {@code session_leader_alive} fact
   * @param groupLeaderAlive the {@code group_leader_alive} fact
   * @param container the {@code container} fact: a container id from the cgroup path
   * @param namespaceInit the {@code namespace_init} fact: pid 1 of a nested pid namespace
   * @param serviceUnit the {@code service_unit} fact
   */
  public record Placement(Integer sid, Relative sessionLeader, Boolean sessionLeaderAlive,
      Integer pgid, Boolean groupLeaderAlive, String tty, String container, Long pidNamespace,
      Boolean namespaceInit, String cgroup, String serviceUnit, String cwd) {}

  /**
   * What {@code plan --mode M} would do for this process.
   *
   * @param mode the mode
   * @param action the action the planner plans for its finding (a {@code none} action carries
   *     the refusal: protected, another user's, a zombie's reaper, ...); null when no rule
   *     matched, so the plan leaves it out
   * @param protection why the policy would refuse to signal it as a target in this mode, rule
   *     or not (pid 1, protected name, another user's process in safe mode, ...); null when
   *     nothing forbids it
   */
  public record PlanVerdict(Mode mode, Action action, Policy.Refusal protection) {
    public PlanVerdict {
      Objects.requireNonNull(mode, "mode");
    }
  }
}
