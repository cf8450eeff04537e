package io.procsweep.facts;

import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.state.ProcessRecord;
import io.procsweep.state.ScanState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The time-based facts of one scan ({@code cpu_percent}, {@code high_cpu_seconds},
 * {@code state_seconds}) from what is known about each process before the last read: the
 * scan's own first read when it sampled CPU, and the previous run's record ({@link ScanState})
 * when there is one. Also the record each process leaves for the next run, so the facts and
 * the saved history come from one computation.
 *
 * <ul>
 *   <li>CPU: over the sample window when sampling, else over the window since the previous
 *       run's read of the same process (its pid and start time); unknown without either.
 *   <li>High CPU: a process above the threshold over that window has been so since the window
 *       began, or since its earlier streak began when the previous run saw it above the
 *       threshold too and (when sampling) it stayed above it between that run and this one.
 *   <li>State: since the previous run's since-time when that run saw it in the same state (and
 *       this scan's first read did too); else since this scan's first read when it was already
 *       in the state then; else unknown, and remembered from this read on.
 * </ul>
 */
public final class History {
  private final Map<ProcessKey, Track> tracks = new HashMap<>();

  /** What is known about one process in this scan. Null fields are unknown. */
  record Track(Double cpuPercent, Double highCpuSeconds, Double stateSeconds,
      ProcessRecord next) {}

  private History() {}

  /**
   * @param prior the previous run's state ({@link ScanState#EMPTY} for none)
   * @param sample this scan's first read, or null when it read once
   * @param last this scan's (last) read
   * @param highCpuPercent the threshold of {@code high_cpu_seconds}
   */
  public static History of(ScanState prior, CpuSample sample, Snapshot last,
      double highCpuPercent) {
    History h = new History();
    Instant now = last.processesRead().at();
    for (ProcessInfo p : last.processes()) {
      if (!p.kernelThread()) {
        h.tracks.put(p.key(), track(prior.process(p.key()), sample, p, now, highCpuPercent));
      }
    }
    return h;
  }

  /** For one process only, from a sample alone (a context built without a history). */
  static History forOne(ProcessInfo p, CpuSample sample, Snapshot last) {
    History h = new History();
    h.tracks.put(p.key(), track(null, sample, p, last.processesRead().at(),
        FactRegistry.HIGH_CPU_PERCENT));
    return h;
  }

  /** Today's facts from a sample alone, no saved state (older callers, tests). */
  static History of(CpuSample sample, Snapshot last) {
    return of(ScanState.EMPTY, sample, last, FactRegistry.HIGH_CPU_PERCENT);
  }

  private static Track track(ProcessRecord rec, CpuSample sample, ProcessInfo p, Instant now,
      double threshold) {
    ProcessInfo before = sample == null ? null : sample.before(p);

    // CPU over a window: this scan's sample, else the time since the previous run's read.
    Double cpu = null;
    Instant windowStart = null;
    if (before != null) {
      cpu = sample.cpuPercent(p);
      windowStart = sample.firstRead().at();
    } else if (rec != null && sample == null) {
      long nanos = Duration.between(rec.cpuReadAt(), now).toNanos();
      if (nanos > 0) {
        cpu = Math.max(0, p.cpuTotalMs() - rec.cpuTotalMs()) * 1e8 / nanos;
        windowStart = rec.cpuReadAt();
      }
    }

    Double highSeconds = null;
    Instant highSince = null;
    if (cpu != null && cpu < threshold) {
      highSeconds = 0.0;
    } else if (cpu != null) {
      boolean streak = rec != null && rec.highCpuSince() != null
          && (before == null || stayedHigh(rec, before, sample, threshold));
      highSince = streak ? rec.highCpuSince() : windowStart;
      highSeconds = before != null && !streak ? sample.windowSeconds() : seconds(highSince, now);
    }

    Double stateSeconds = null;
    Instant since = now;
    boolean changedInWindow = before != null && before.state() != p.state();
    if (!changedInWindow && rec != null && rec.state() == p.state()) {
      since = rec.stateSince();
      stateSeconds = seconds(since, now);
    } else if (before != null && !changedInWindow) {
      since = sample.firstRead().at();
      stateSeconds = sample.windowSeconds();
    }
    return new Track(cpu, highSeconds, stateSeconds,
        new ProcessRecord(p.cpuTotalMs(), now, p.state(), since, highSince));
  }

  /** Whether the CPU between the previous run's read and this scan's first read stayed high. */
  private static boolean stayedHigh(ProcessRecord rec, ProcessInfo before, CpuSample sample,
      double threshold) {
    long nanos = Duration.between(rec.cpuReadAt(), sample.firstRead().at()).toNanos();
    if (nanos <= 0) {
      return true; // no gap to speak of
    }
    double gap = Math.max(0, before.cpuTotalMs() - rec.cpuTotalMs()) * 1e8 / nanos;
    return gap >= threshold;
  }

  private static Double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toNanos()) / 1e9;
  }

  Double cpuPercent(ProcessInfo p) {
    Track t = tracks.get(p.key());
    return t == null ? null : t.cpuPercent();
  }

  Double highCpuSeconds(ProcessInfo p) {
    Track t = tracks.get(p.key());
    return t == null ? null : t.highCpuSeconds();
  }

  Double stateSeconds(ProcessInfo p) {
    Track t = tracks.get(p.key());
    return t == null ? null : t.stateSeconds();
  }

  /** The record every (non-kernel) process of the last read leaves for the next run. */
  public Map<ProcessKey, ProcessRecord> nextRecords() {
    Map<ProcessKey, ProcessRecord> out = new HashMap<>(tracks.size() * 2);
    tracks.forEach((k, t) -> out.put(k, t.next()));
    return out;
  }
}
