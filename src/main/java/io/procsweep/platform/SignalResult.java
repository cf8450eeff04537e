package io.procsweep.platform;

/** What happened when cleanup tried to signal one process. */
public enum SignalResult {
  /** The identity matched and the signal was delivered. */
  SENT("sent"),
  /** No process has that pid any more. */
  GONE("gone"),
  /** The pid now belongs to another process (start time or name differ): not signalled. */
  CHANGED("changed"),
  /** The identity could not be read, so nothing was signalled (fail closed). */
  UNREADABLE("unreadable"),
  /** The cleanup policy, asked again on a fresh read, forbade it: not signalled. */
  REFUSED("refused"),
  /**
   * The pid is not a process but a thread of one (Linux: /proc answers for thread ids, and
   * kill(2) on one signals the whole process): never signalled.
   */
  THREAD("thread"),
  /** The OS refused (EPERM / access denied). */
  DENIED("denied"),
  /** Any other failure; the message says which. */
  ERROR("error");

  private final String label;

  SignalResult(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
