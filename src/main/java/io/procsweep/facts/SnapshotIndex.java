package io.procsweep.facts;

import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Look-ups over one snapshot, built once: by pid, children, listeners by holder and inode. */
public final class SnapshotIndex {
  private final Snapshot snapshot;
  private final Map<Integer, ProcessInfo> byPid = new HashMap<>();
  private final Map<Integer, List<ProcessInfo>> children = new HashMap<>();
  private final Map<Integer, List<Listener>> listenersByPid = new HashMap<>();
  private final Map<Long, Set<Integer>> holdersByInode = new HashMap<>();
  /** The holders of listening sockets and all their ancestors; made on first use. */
  private volatile Set<Integer> listeningTrees;

  public SnapshotIndex(Snapshot snapshot) {
    this.snapshot = snapshot;
    for (ProcessInfo p : snapshot.processes()) {
      byPid.put(p.pid(), p);
    }
    for (ProcessInfo p : snapshot.processes()) {
      if (p.ppid() != p.pid()) {
        children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
      }
    }
    for (Listener l : snapshot.listeners()) {
      if (l.pid() != null) {
        listenersByPid.computeIfAbsent(l.pid(), k -> new ArrayList<>()).add(l);
        if (l.inode() != null) {
          holdersByInode.computeIfAbsent(l.inode(), k -> new TreeSet<>()).add(l.pid());
        }
      }
    }
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  public ProcessInfo get(int pid) {
    return byPid.get(pid);
  }

  public List<ProcessInfo> children(int pid) {
    return children.getOrDefault(pid, List.of());
  }

  public long zombieChildren(int pid) {
    long n = 0; // a loop, not a stream: asked of every process by zombie-hoarder
    for (ProcessInfo c : children(pid)) {
      if (c.state() == ProcState.ZOMBIE) {
        n++;
      }
    }
    return n;
  }

  public List<Listener> listeners(int pid) {
    return listenersByPid.getOrDefault(pid, List.of());
  }

  /** Every pid holding the socket with this inode. */
  public Set<Integer> holders(long inode) {
    return holdersByInode.getOrDefault(inode, Set.of());
  }

  /**
   * Whether {@code pid} or one of its known descendants holds a listening socket: {@link
   * #listeners} of it or of one of its {@link #descendants}, answered from one walk up from
   * each holder instead of a walk down every process's tree (a rule asks it of every process).
   */
  public boolean inListeningTree(int pid) {
    Set<Integer> trees = listeningTrees;
    if (trees == null) {
      trees = new HashSet<>();
      for (int holder : listenersByPid.keySet()) {
        if (trees.add(holder)) {
          for (ProcessInfo a : ancestors(holder)) {
            if (!trees.add(a.pid())) {
              break; // its ancestors are in already
            }
          }
        }
      }
      listeningTrees = trees;
    }
    return trees.contains(pid);
  }

  /** Every known descendant pid of {@code pid} (children, grandchildren, ...). */
  public Set<Integer> descendants(int pid) {
    Set<Integer> out = new TreeSet<>();
    List<Integer> todo = new ArrayList<>(List.of(pid));
    while (!todo.isEmpty()) {
      int next = todo.remove(todo.size() - 1);
      for (ProcessInfo c : children(next)) {
        if (out.add(c.pid())) {
          todo.add(c.pid());
        }
      }
    }
    return out;
  }

  /** The ancestors of {@code pid}, nearest first, as far as the snapshot shows them. */
  public List<ProcessInfo> ancestors(int pid) {
    List<ProcessInfo> out = new ArrayList<>();
    Set<Integer> seen = new TreeSet<>();
    ProcessInfo p = byPid.get(pid);
    while (p != null && p.ppid() > 0 && seen.add(p.pid())) {
      p = byPid.get(p.ppid());
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }
}
