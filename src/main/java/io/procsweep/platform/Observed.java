package io.procsweep.platform;

import java.util.Optional;

/**
 * What one fresh read of a pid found, before anything is decided on it. Kept apart from the
 * decision ({@link IdentityCheck}) so that every OS reads in its own way and all of them decide
 * the same way, and so that the decisions are tested without a live process.
 *
 * @param kind whether the read found a process
 * @param identity the process read, when {@code kind} is FOUND
 * @param ended the process has exited but still exists (Linux zombie, Windows process object
 *     whose handles keep it around): same identity, not alive
 * @param detail why the read failed, when {@code kind} is UNREADABLE; the process the thread
 *     belongs to, when {@code kind} is THREAD
 */
record Observed(Kind kind, ProcessIdentity identity, boolean ended, String detail) {

  enum Kind {
    FOUND,
    GONE,
    UNREADABLE,
    /** The pid is a thread id of another process (Linux: its Tgid is not the pid). */
    THREAD
  }

  static Observed found(ProcessIdentity identity, boolean ended) {
    return new Observed(Kind.FOUND, identity, ended, null);
  }

  static Observed gone() {
    return new Observed(Kind.GONE, null, false, null);
  }

  static Observed unreadable(String why) {
    return new Observed(Kind.UNREADABLE, null, false, why);
  }

  static Observed thread(int tgid) {
    return new Observed(Kind.THREAD, null, false, "thread of process " + tgid);
  }

  Optional<ProcessIdentity> asIdentity() {
    return kind == Kind.FOUND ? Optional.of(identity) : Optional.empty();
  }
}
