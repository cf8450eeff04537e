package io.procsweep.cleanup;

import com.google.re2j.Pattern;
import io.procsweep.rules.Protection;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.util.Locale;
import java.util.Optional;

/**
 * The never-touch policy of DESIGN §7, in one place, applied to every process a plan would
 * signal: targets, zombies' parents and kill-tree descendants alike.
 */
final class Guard {
  private final Protection protect;
  private final PlannerContext ctx;
  private final Mode mode;

  Guard(Protection protect, PlannerContext ctx, Mode mode) {
    this.protect = protect;
    this.ctx = ctx;
    this.mode = mode;
  }

  /** Why {@code p} must never be signalled, in any mode; empty when nothing forbids it. */
  Optional<Refusal> never(ProcessInfo p) {
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
    return Optional.empty();
  }

  /** Why this mode may not signal {@code p} (another user's, disk sleep); empty when it may. */
  Optional<Refusal> inThisMode(ProcessInfo p) {
    Optional<Refusal> other = otherUser(p);
    if (other.isPresent()) {
      return other;
    }
    if (p.state() == ProcState.DISK_SLEEP) {
      return refuse(KeepReason.DISK_SLEEP,
          "in disk sleep (D): even SIGKILL would wait for the I/O");
    }
    return Optional.empty();
  }

  /** Safe mode's refusal of another user's process; empty in forced mode. */
  Optional<Refusal> otherUser(ProcessInfo p) {
    if (mode == Mode.SAFE && !ownedByCurrentUser(p.uid(), p.user())) {
      return refuse(KeepReason.OTHER_USER, "owned by " + owner(p.uid(), p.user())
          + ", not the current user");
    }
    return Optional.empty();
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
