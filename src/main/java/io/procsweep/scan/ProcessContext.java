package io.procsweep.scan;

import io.procsweep.facts.FactValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an operator asks first about a finding's process, read from its facts by name. A value is
 * null when the fact is unknown for this process, or not registered on this build: a fact added
 * to the registry later appears here without a change to this class.
 *
 * @param listeningPorts ports of the listening sockets it holds ({@code listening_ports})
 * @param treeListeningPorts ports held by it or a descendant ({@code tree_listening_ports})
 * @param treeListeners the pids in its tree that hold those ports ({@code tree_listeners})
 * @param listenerHolders every pid holding one of its listening sockets, itself included
 *     ({@code listener_holders})
 * @param cwd its working directory ({@code cwd})
 * @param sessionId its session id ({@code sid})
 * @param sessionLeaderAlive whether that session's leader still runs ({@code
 *     session_leader_alive})
 * @param container the container it runs in ({@code container})
 * @param ciJob the CI job that started it ({@code ci_job})
 */
public record ProcessContext(
    List<Long> listeningPorts,
    List<Long> treeListeningPorts,
    List<Long> treeListeners,
    List<Long> listenerHolders,
    String cwd,
    Long sessionId,
    Boolean sessionLeaderAlive,
    String container,
    String ciJob) {

  /** Nothing known: for findings built without facts (tests, saved plans). */
  public static final ProcessContext UNKNOWN =
      new ProcessContext(null, null, null, null, null, null, null, null, null);

  public ProcessContext {
    listeningPorts = copy(listeningPorts);
    treeListeningPorts = copy(treeListeningPorts);
    treeListeners = copy(treeListeners);
    listenerHolders = copy(listenerHolders);
  }

  /** A context whose CI job is unknown. */
  public ProcessContext(List<Long> listeningPorts, List<Long> treeListeningPorts,
      List<Long> treeListeners, List<Long> listenerHolders, String cwd, Long sessionId,
      Boolean sessionLeaderAlive, String container) {
    this(listeningPorts, treeListeningPorts, treeListeners, listenerHolders, cwd, sessionId,
        sessionLeaderAlive, container, null);
  }

  /** A context whose tree listeners and CI job are unknown. */
  public ProcessContext(List<Long> listeningPorts, List<Long> treeListeningPorts,
      List<Long> listenerHolders, String cwd, Long sessionId, Boolean sessionLeaderAlive,
      String container) {
    this(listeningPorts, treeListeningPorts, null, listenerHolders, cwd, sessionId,
        sessionLeaderAlive, container);
  }

  /** The context of one process, from the facts the registry computed for it. */
  public static ProcessContext of(FactValues facts) {
    return new ProcessContext(
        longs(facts.get("listening_ports")),
        longs(facts.get("tree_listening_ports")),
        longs(facts.get("tree_listeners")),
        longs(facts.get("listener_holders")),
        text(facts.get("cwd")),
        number(facts.get("sid")),
        facts.get("session_leader_alive") instanceof Boolean b ? b : null,
        text(facts.get("container")),
        text(facts.get("ci_job")));
  }

  /**
   * Ports held by descendants and not by the process itself, in tree order: the ports a
   * wrapper's finding is really about. Empty when either list is unknown.
   */
  public List<Long> descendantPorts() {
    if (treeListeningPorts == null) {
      return List.of();
    }
    List<Long> own = listeningPorts == null ? List.of() : listeningPorts;
    return treeListeningPorts.stream().filter(p -> !own.contains(p)).toList();
  }

  /** Every port known to be held by the process or its tree, own ports first, no repeats. */
  public List<Long> allPorts() {
    List<Long> out = new ArrayList<>();
    if (listeningPorts != null) {
      out.addAll(listeningPorts);
    }
    out.addAll(descendantPorts());
    return List.copyOf(out);
  }

  private static List<Long> copy(List<Long> v) {
    return v == null ? null : List.copyOf(v);
  }

  /*
   * Facts are typed by FactType (INTEGER_LIST is List<Long>), but the facts read here by name
   * may be registered by code written in parallel; a value of another shape is read leniently
   * (a single number, numeric strings) rather than dropped or allowed to fail the report.
   */
  private static List<Long> longs(Object v) {
    if (v == null) {
      return null;
    }
    List<Long> out = new ArrayList<>();
    if (v instanceof Iterable<?> items) {
      for (Object item : items) {
        Long n = number(item);
        if (n != null) {
          out.add(n);
        }
      }
    } else {
      Long n = number(v);
      if (n == null) {
        return null;
      }
      out.add(n);
    }
    return out;
  }

  private static Long number(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String text(Object v) {
    return v == null ? null : Objects.toString(v);
  }
}
