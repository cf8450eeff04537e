package io.procsweep.cleanup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Signals the target: one SIGTERM in safe mode, TERM/TERM/KILL in forced mode. Descendants that
 * hold listening sockets get the same signals with it (ports follow trees): terminating a
 * wrapper alone leaves its server reparented and still holding the port.
 *
 * @param holders descendants holding listening sockets, deepest first; each identity-checked
 * @param note a remark for people reading the plan (Windows: what SIGKILL stands for), or null
 */
public record Terminate(Target target, Cause cause, List<Step> steps, List<Target> holders,
    String note) implements Action {

  public Terminate {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(cause, "cause");
    steps = List.copyOf(steps);
    holders = List.copyOf(holders);
    Set<Integer> seen = new HashSet<>(Set.of(target.pid()));
    for (Target h : holders) {
      if (!seen.add(h.pid())) {
        throw new IllegalArgumentException("process " + h.pid() + " is listed twice");
      }
    }
  }

  /** The target alone. */
  public Terminate(Target target, Cause cause, List<Step> steps, String note) {
    this(target, cause, steps, List.of(), note);
  }

  @Override
  public String kind() {
    return "terminate";
  }

  /** The holders deepest first, then the target. */
  @Override
  public List<Target> processes() {
    List<Target> all = new ArrayList<>(holders);
    all.add(target);
    return List.copyOf(all);
  }

  @Override
  public <R> R accept(Visitor<R> v) {
    return v.terminate(this);
  }
}
