package io.procsweep.watch;

import io.procsweep.scan.Finding;
import io.procsweep.state.FindingKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of the last scan, by {@link FindingKey}, and what changed since. Only the current
 * findings are kept, never a history: a watch that runs for months holds as much as one scan
 * found, however many processes came and went.
 */
public final class FindingTracker {
  private Map<FindingKey, Finding> current = new LinkedHashMap<>();

  /**
   * Takes the findings of a new scan and returns what changed: {@code resolved} for each finding
   * of the previous scan that is gone (as last seen, in that scan's order), then {@code new} for
   * each that was not there (in this scan's order). The first scan makes every finding new.
   */
  public List<FindingEvent> update(List<Finding> findings, Instant at) {
    Map<FindingKey, Finding> next = new LinkedHashMap<>();
    for (Finding f : findings) {
      next.putIfAbsent(f.key(), f);
    }
    List<FindingEvent> events = new ArrayList<>();
    for (Map.Entry<FindingKey, Finding> e : current.entrySet()) {
      if (!next.containsKey(e.getKey())) {
        events.add(new FindingEvent(FindingEvent.Kind.RESOLVED, at, e.getValue()));
      }
    }
    for (Map.Entry<FindingKey, Finding> e : next.entrySet()) {
      if (!current.containsKey(e.getKey())) {
        events.add(new FindingEvent(FindingEvent.Kind.NEW, at, e.getValue()));
      }
    }
    current = next;
    return events;
  }

  /** How many findings are tracked: those of the last scan. */
  public int size() {
    return current.size();
  }
}
