package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.List;
import java.util.Set;

/** {@code all: [...]}, and a mapping with several keys: every part holds. */
record AllOf(List<Condition> parts) implements Condition {
  AllOf {
    parts = List.copyOf(parts);
  }

  @Override
  public boolean test(FactValues facts) {
    for (Condition c : parts) {
      if (!c.test(facts)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void collectFacts(Set<String> into) {
    for (Condition c : parts) {
      c.collectFacts(into);
    }
  }
}
