package io.procsweep.facts;

import io.procsweep.snapshot.ProcessInfo;
import java.util.Collections;
import java.util.Map;

/** The facts of one process, computed once. */
public record ProcessFacts(ProcessInfo process, Map<String, Object> values) implements FactValues {

  public ProcessFacts {
    values = Collections.unmodifiableMap(values);
  }

  @Override
  public Object get(String name) {
    return values.get(name);
  }
}
