package io.procsweep.facts;

import io.procsweep.snapshot.ProcessInfo;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The facts of one process, computed once.
 *
 * @param unread the facts whose sources the read skipped ({@link FactValues#isRead}); their
 *     values say nothing
 */
public record ProcessFacts(ProcessInfo process, Map<String, Object> values, Set<String> unread)
    implements FactValues {

  public ProcessFacts {
    values = Collections.unmodifiableMap(values);
    unread = Set.copyOf(unread);
  }

  /** Facts computed from a read of everything they need. */
  public ProcessFacts(ProcessInfo process, Map<String, Object> values) {
    this(process, values, Set.of());
  }

  @Override
  public Object get(String name) {
    return values.get(name);
  }

  @Override
  public boolean isRead(String name) {
    return !unread.contains(name);
  }
}
