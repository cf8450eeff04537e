package io.procsweep.snapshot;

/**
 * Something about a process that could not be read; kept and reported, never fatal.
 *
 * @param pid the process, or 0 for a table of the whole system (the listening sockets)
 * @param what the field or file ({@code stat}, {@code cmdline}, {@code exe}, {@code cwd},
 *     {@code stdio}, {@code ns/pid}, {@code fd}, {@code net/tcp}, {@code connections}, ...)
 * @param reason short reason ({@code access denied}, {@code process exited}, ...)
 */
public record ReadFailure(int pid, String what, String reason) {
  /** The reason the backends give when a process went away while it was read. */
  public static final String EXITED = "process exited";

  /**
   * Whether this failure leaves a hole in the table itself rather than in one field of a row
   * that was read: a process that was listed but could not be read at all (its {@code stat}:
   * with {@code hidepid}, say, it is missing from the snapshot), or a table of the whole system
   * (pid 0: the listening sockets, without which no stale-listener rule can see anything). A
   * process that exited while it was read is no hole: it is simply gone. Fields of a row that
   * are unreadable ({@code exe}, {@code cwd}, {@code fd}, {@code environ} of another user's
   * process) are the normal lot of a scan that does not run as root, and are not holes either.
   */
  public boolean leavesTableIncomplete() {
    return !EXITED.equals(reason) && (pid == 0 || "stat".equals(what));
  }
}
