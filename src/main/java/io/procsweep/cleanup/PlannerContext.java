package io.procsweep.cleanup;

import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.platform.Os;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the planner needs to know about the machine and the running procsweep, passed in so the
 * planner itself stays a pure function of its arguments.
 *
 * @param selfPid the running procsweep
 * @param ancestors its ancestors (launcher, shell, hook, CI step): never touched
 * @param currentUid the current real uid; null where uids do not apply (Windows)
 * @param currentUser the current user name, compared when uids are unknown; may be null
 * @param protectedPids live pids from protected pid files (registered workers)
 * @param stalePidfiles stale watched pid files, from {@link PidFiles#stale}
 * @param protectIncomplete a protected pid-file glob could not be walked completely, so some
 *     registered worker may be missing from {@code protectedPids}: forced cleanup fails closed
 * @param platform {@code linux}, {@code macos}, {@code windows} or {@code other}
 * @param now the plan's creation time
 */
public record PlannerContext(
    int selfPid,
    Set<Integer> ancestors,
    Integer currentUid,
    String currentUser,
    Set<Integer> protectedPids,
    List<StalePidfile> stalePidfiles,
    boolean protectIncomplete,
    String platform,
    Instant now) {

  public PlannerContext {
    ancestors = Set.copyOf(ancestors);
    protectedPids = Set.copyOf(protectedPids);
    stalePidfiles = List.copyOf(stalePidfiles);
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(now, "now");
  }

  /**
   * The context of the running JVM: its pid, its ancestors as the OS reports them, its user
   * name and platform.
   *
   * @param currentUid from {@code ProcessControl.currentUid()}
   */
  public static PlannerContext forThisProcess(Optional<Integer> currentUid,
      Set<Integer> protectedPids, List<StalePidfile> stalePidfiles, boolean protectIncomplete,
      Instant now) {
    ProcessHandle self = ProcessHandle.current();
    Set<Integer> ancestors = new HashSet<>();
    for (var p = self.parent(); p.isPresent(); p = p.get().parent()) {
      ancestors.add((int) p.get().pid());
    }
    return new PlannerContext((int) self.pid(), ancestors, currentUid.orElse(null),
        System.getProperty("user.name"), protectedPids, stalePidfiles,
        protectIncomplete, Os.current().label(), now);
  }

  boolean windows() {
    return platform.equals("windows");
  }

  /** procsweep itself or one of its ancestors. */
  boolean isSelfOrAncestor(int pid) {
    return pid == selfPid || ancestors.contains(pid);
  }
}
