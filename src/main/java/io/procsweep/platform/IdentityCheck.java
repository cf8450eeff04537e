package io.procsweep.platform;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The one decision every {@link ProcessControl} takes before a signal: is the process read just
 * now the one the scan saw? Fails closed: anything but an exact match is a reason not to signal.
 */
final class IdentityCheck {
  private IdentityCheck() {}

  /**
   * Whether {@code pid} may be signalled at all. kill(2) gives 0 and negative pids group and
   * broadcast meanings ({@code kill(-1, SIGKILL)} as root ends every process on the machine), so
   * no implementation may ever pass one on, whatever the caller asked for.
   */
  static boolean signallablePid(int pid) {
    return pid > 0;
  }

  /** Why not to signal {@code target}, given what a fresh read saw; empty to go ahead. */
  static Optional<SignalResult> refusal(ProcessIdentity target, Observed seen) {
    return refusal(target, seen, Objects::equals);
  }

  /**
   * As {@link #refusal(ProcessIdentity, Observed)}, with the OS's own rule for names (Windows
   * compares image names without case). A process that has exited but still exists (a zombie)
   * is still the same identity: signalling it is harmless, and refusing would report it as
   * changed, which it is not.
   */
  static Optional<SignalResult> refusal(
      ProcessIdentity target, Observed seen, BiPredicate<String, String> sameName) {
    switch (seen.kind()) {
      case GONE:
        return Optional.of(SignalResult.GONE);
      case UNREADABLE:
        return Optional.of(SignalResult.UNREADABLE);
      case THREAD:
        return Optional.of(SignalResult.THREAD);
      default:
        return same(target, seen.identity(), sameName)
            ? Optional.empty()
            : Optional.of(SignalResult.CHANGED);
    }
  }

  /** Same identity and not yet ended. */
  static boolean alive(ProcessIdentity target, Observed seen) {
    return alive(target, seen, Objects::equals);
  }

  static boolean alive(
      ProcessIdentity target, Observed seen, BiPredicate<String, String> sameName) {
    return seen.kind() == Observed.Kind.FOUND
        && !seen.ended()
        && same(target, seen.identity(), sameName);
  }

  private static boolean same(
      ProcessIdentity want, ProcessIdentity got, BiPredicate<String, String> sameName) {
    return want.pid() == got.pid()
        && want.startTimeMs() == got.startTimeMs()
        && sameName.test(want.name(), got.name());
  }
}
