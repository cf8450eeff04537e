package io.procsweep.snapshot;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which per-process sources a read takes, besides {@code stat} (pid, parent, name, state,
 * times, memory, group, session, terminal), which every read takes. A field whose source a read
 * did not take is null in its {@link ProcessInfo} and is no {@link ReadFailure}: nothing was
 * tried. {@link #ALL} is what {@link SnapshotSource#read(boolean)} reads.
 *
 * <p>Each fact says what it needs ({@code facts.FactRegistry}); a scan reads the union of what
 * its rules' facts need and what it always needs itself ({@code scan.Scanner}).
 *
 * @param sources what to read; listeners are the system's listening sockets and their holders
 */
public record ReadPlan(Set<ReadPlan.Source> sources) {

  /** A source of one or more {@link ProcessInfo} fields. */
  public enum Source {
    /** The real uid and the user name ({@code status}, or the owner of /proc/PID). */
    UID,
    /** The pid in every pid namespace ({@code NSpid:} of status). */
    NSPIDS,
    CMDLINE,
    EXE,
    CGROUP,
    /** The CI markers of the environment. */
    ENVIRON,
    CWD,
    /** What fds 0-2 point to. */
    STDIO,
    /** The pid namespace's inode ({@code ns/pid}). */
    PID_NAMESPACE,
    /** The listening sockets and every process holding one (a walk of every fd). */
    LISTENERS
  }

  /** Everything: what explain, cleanup's re-checks and {@code read(true)} take. */
  public static final ReadPlan ALL = new ReadPlan(EnumSet.allOf(Source.class));

  /** {@code stat} alone: enough for a CPU sample's first read. */
  public static final ReadPlan STAT_ONLY = new ReadPlan(EnumSet.noneOf(Source.class));

  public ReadPlan {
    EnumSet<Source> copy = EnumSet.noneOf(Source.class);
    copy.addAll(sources);
    sources = Collections.unmodifiableSet(copy);
  }

  public static ReadPlan of(Source... sources) {
    EnumSet<Source> s = EnumSet.noneOf(Source.class);
    Collections.addAll(s, sources);
    return new ReadPlan(s);
  }

  /** Everything, with or without the listeners: what {@code read(withListeners)} takes. */
  public static ReadPlan all(boolean withListeners) {
    return withListeners ? ALL : ALL.without(Source.LISTENERS);
  }

  public boolean has(Source s) {
    return sources.contains(s);
  }

  public boolean listeners() {
    return has(Source.LISTENERS);
  }

  /** Whether this plan reads every process source (listeners aside). */
  public boolean complete() {
    return sources.size() >= (has(Source.LISTENERS) ? Source.values().length
        : Source.values().length - 1);
  }

  public ReadPlan with(Collection<Source> more) {
    EnumSet<Source> s = EnumSet.noneOf(Source.class);
    s.addAll(sources);
    s.addAll(more);
    return new ReadPlan(s);
  }

  public ReadPlan with(ReadPlan other) {
    return with(other.sources);
  }

  public ReadPlan without(Source s) {
    EnumSet<Source> out = EnumSet.noneOf(Source.class);
    out.addAll(sources);
    out.remove(s);
    return new ReadPlan(out);
  }

  /**
   * The process sources this plan did not read ({@link #ALL} but this plan), listeners aside:
   * what a later read must take to complete a process this plan read.
   */
  public ReadPlan missing() {
    EnumSet<Source> s = EnumSet.allOf(Source.class);
    s.removeAll(sources);
    s.remove(Source.LISTENERS);
    return new ReadPlan(s);
  }

  /**
   * {@code read}, with every field this plan did not read taken from {@code fresh} (a later read
   * of the same process that took them); the fields this plan read stay as they were, so what
   * was judged on them is what is shown.
   */
  public ProcessInfo fill(ProcessInfo read, ProcessInfo fresh) {
    return new ProcessInfo(read.pid(), read.ppid(), read.name(),
        has(Source.EXE) ? read.exe() : fresh.exe(),
        has(Source.CMDLINE) ? read.cmdline() : fresh.cmdline(),
        has(Source.UID) ? read.user() : fresh.user(),
        has(Source.UID) ? read.uid() : fresh.uid(),
        read.state(), read.startTimeMs(), read.cpuUserMs(), read.cpuKernelMs(), read.rssBytes(),
        read.threads(), read.pgid(), read.sid(), read.tty(),
        has(Source.CGROUP) ? read.cgroup() : fresh.cgroup(),
        read.kernelThread(),
        has(Source.CWD) ? read.cwd() : fresh.cwd(),
        has(Source.STDIO) ? read.stdio() : fresh.stdio(),
        has(Source.PID_NAMESPACE) ? read.pidNamespace() : fresh.pidNamespace(),
        has(Source.NSPIDS) ? read.nsPids() : fresh.nsPids(),
        has(Source.ENVIRON) ? read.ciMarkers() : fresh.ciMarkers());
  }
}
