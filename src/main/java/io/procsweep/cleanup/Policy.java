package io.procsweep.cleanup;

import com.google.re2j.Pattern;
import io.procsweep.platform.Signal;
import io.procsweep.rules.Protection;
import io.procsweep.rules.RuleSet;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * DESIGN §7's one answer to "may this action run on this process now". It is asked three times:
 * by the planner on the scan's snapshot, by the saved-plan check (through a fresh plan), and by
 * the executor on a fresh read right before every signal. A saved plan's {@code platform} or
 * {@code mode} field never widens it: the mode is the one cleanup runs in, the platform the one
 * it runs on.
 */
public final class Policy {

  /** What a process is to the action that would signal it. */
  public enum Role {
    /** The finding's own process (terminate, kill-tree root). */
    TARGET,
    /** A descendant swept up by a kill-tree. */
    TREE_MEMBER,
    /** The parent of a zombie, signalled so that the zombie is reaped. */
    ZOMBIE_PARENT
  }

  /** Why one process may not be signalled, with a sentence for people. */
  public record Refusal(KeepReason reason, String detail) {}

  private final Protection protect;
  private final Set<String> subreapers;
  private final PlannerContext ctx;
  private final Mode mode;
  private final Predicate<ProcessInfo> inScope;

  /**
   * @param inScope the user's scope (--pid, --user, --match, ...), applied to every process
   *     signalled in a target's or a zombie parent's role; kill-tree members belong to their
   *     root's job and are not re-scoped
   */
  public Policy(Protection protect, Set<String> subreapers, PlannerContext ctx, Mode mode,
      Predicate<ProcessInfo> inScope) {
    this.protect = protect;
    this.subreapers = Set.copyOf(subreapers);
    this.ctx = ctx;
    this.mode = mode;
    this.inScope = inScope;
  }

  /** The policy for these rule sets, this process and this mode, within the user's scope. */
  public static Policy of(RuleSet rules, PlannerContext ctx, Mode mode,
      Predicate<ProcessInfo> inScope) {
    return new Policy(rules.protect(), Set.copyOf(rules.subreapers()), ctx, mode, inScope);
  }

  public Mode mode() {
    return mode;
  }

  /**
   * The whole decision for one signal: the signal itself in this mode, then the process in its
   * role. The executor calls this on a fresh read right before sending.
   */
  public Optional<Refusal> maySignal(ProcessInfo p, Role role, Signal signal) {
    Optional<Refusal> r = maySend(signal);
    if (r.isPresent()) {
      return r;
    }
    return role == Role.ZOMBIE_PARENT ? mayReapVia(p) : mayTouch(p, role);
  }

  /** Safe mode never kills and never freezes, whatever a plan says or which OS made it. */
  public Optional<Refusal> maySend(Signal signal) {
    if (mode == Mode.SAFE && (signal == Signal.KILL || signal == Signal.STOP)) {
      return refuse(KeepReason.NOT_SUPPORTED, "safe mode never sends " + signal.label());
    }
    return Optional.empty();
  }

  /** Whether {@code p} may be signalled as a target or tree member (not as a zombie's parent). */
  public Optional<Refusal> mayTouch(ProcessInfo p, Role role) {
    Optional<Refusal> r = never(p);
    if (r.isEmpty() && role == Role.TARGET) {
      r = scope(p);
    }
    if (r.isEmpty()) {
      r = inThisMode(p);
    }
    return r;
  }

  /**
   * Whether {@code parent} may be signalled so that its zombie child is reaped: never init, a
   * subreaper (it reaps by itself), procsweep or its ancestors, a protected process, another
   * user's process in safe mode, or a process outside the user's scope.
   */
  public Optional<Refusal> mayReapVia(ProcessInfo parent) {
    Optional<Refusal> byPid = mayReapVia(parent.pid());
    if (byPid.isPresent()) {
      return byPid;
    }
    if (subreapers.contains(parent.name())) {
      return refuse(KeepReason.SUBREAPER_PARENT, "its parent " + parent.pid() + " ("
          + parent.name() + ") is a subreaper, which reaps it");
    }
    Optional<Refusal> r = never(parent);
    if (r.isEmpty()) {
      r = scope(parent);
    }
    if (r.isPresent()) {
      return refuse(r.get().reason() == KeepReason.OUT_OF_SCOPE ? KeepReason.OUT_OF_SCOPE
          : KeepReason.PROTECTED_PARENT, "its parent " + parent.pid() + " (" + parent.name()
          + ") is " + r.get().detail());
    }
    r = inThisMode(parent);
    if (r.isPresent()) {
      return refuse(r.get().reason(), "its parent " + parent.pid() + " (" + parent.name()
          + ") is " + r.get().detail());
    }
    return Optional.empty();
  }

  /** The part of {@link #mayReapVia(ProcessInfo)} that the parent's pid alone decides. */
  public Optional<Refusal> mayReapVia(int parentPid) {
    if (parentPid <= 1) {
      return refuse(KeepReason.INIT_PARENT, "its parent is init (pid 1), which reaps it");
    }
    if (ctx.isSelfOrAncestor(parentPid)) {
      return refuse(KeepReason.PROTECTED_PARENT,
          "its parent " + parentPid + " is procsweep or one of its ancestors");
    }
    return Optional.empty();
  }

  /** Why {@code p} must never be signalled, in any mode; empty when nothing forbids it. */
  public Optional<Refusal> never(ProcessInfo p) {
    if (p.pid() <= 1) {
      return refuse(KeepReason.INIT, p.pid() == 1 ? "pid 1 is init" : "pid 0 is the kernel");
    }
    if (p.kernelThread()) {
      return refuse(KeepReason.KERNEL_THREAD, "a kernel thread");
    }
    if (p.pid() == ctx.selfPid()) {
      return refuse(KeepReason.SELF, "procsweep itself");
    }
    if (ctx.ancestors().contains(p.pid())) {
      return refuse(KeepReason.SELF, "an ancestor of procsweep");
    }
    if (ctx.protectedPids().contains(p.pid())) {
      return refuse(KeepReason.REGISTERED_WORKER, "named by a protected pid file");
    }
    if (protect.names().contains(p.name())) {
      return refuse(KeepReason.PROTECTED, "protected name '" + p.name() + "'");
    }
    if (p.user() != null && protect.users().contains(p.user())) {
      return refuse(KeepReason.PROTECTED, "protected user '" + p.user() + "'");
    }
    // Same text that `--match` and the cmdline fact see, so a pattern behaves the same there.
    String cmdline = p.commandLine();
    for (Pattern re : protect.cmdlineRegex()) {
      if (re.matcher(cmdline).find()) {
        return refuse(KeepReason.PROTECTED, "command line matches protected pattern '"
            + re.pattern() + "'");
      }
    }
    if (mode == Mode.FORCED && ctx.protectIncomplete()) {
      // A protect glob that could not be walked may name exactly this process: fail closed.
      return refuse(KeepReason.PROTECTION_UNKNOWN, "not provably unprotected: a protected"
          + " pid-file glob could not be read completely");
    }
    return Optional.empty();
  }

  /** Why this mode may not signal {@code p} (another user's, disk sleep); empty when it may. */
  public Optional<Refusal> inThisMode(ProcessInfo p) {
    Optional<Refusal> other = otherUser(p.uid(), p.user());
    if (other.isPresent()) {
      return other;
    }
    if (p.state() == ProcState.DISK_SLEEP) {
      return refuse(KeepReason.DISK_SLEEP,
          "in disk sleep (D): even SIGKILL would wait for the I/O");
    }
    return Optional.empty();
  }

  /** Safe mode's refusal of another user's process or file; empty in forced mode. */
  public Optional<Refusal> otherUser(Integer uid, String user) {
    if (mode == Mode.SAFE && !ownedByCurrentUser(uid, user)) {
      return refuse(KeepReason.OTHER_USER, "owned by " + owner(uid, user)
          + ", not the current user");
    }
    return Optional.empty();
  }

  private Optional<Refusal> scope(ProcessInfo p) {
    return inScope.test(p) ? Optional.empty()
        : refuse(KeepReason.OUT_OF_SCOPE, "outside the scope given (--pid, --port, --user,"
            + " --match, --descendants-of)");
  }

  /**
   * Safe mode's ownership test: uids where both are known, else user names (Windows has no
   * uids; "DOMAIN\\name" and "name" are the same user there). Unknown owner fails closed.
   */
  boolean ownedByCurrentUser(Integer uid, String user) {
    if (uid != null && ctx.currentUid() != null) {
      return uid.equals(ctx.currentUid());
    }
    if (user != null && ctx.currentUser() != null) {
      return bareName(user).equals(bareName(ctx.currentUser()));
    }
    return false;
  }

  private static String bareName(String user) {
    int slash = user.lastIndexOf('\\');
    return user.substring(slash + 1).toLowerCase(Locale.ROOT);
  }

  static String owner(Integer uid, String user) {
    if (user != null && uid != null) {
      return user + " (uid " + uid + ")";
    }
    if (user != null) {
      return user;
    }
    return uid != null ? "uid " + uid : "an unknown user";
  }

  private static Optional<Refusal> refuse(KeepReason reason, String detail) {
    return Optional.of(new Refusal(reason, detail));
  }
}
