package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.List;
import java.util.Set;

/** {@code any: [...]}: at least one part holds. */
record AnyOf(List<Condition> parts) implements Condition {
  AnyOf {
    parts = List.copyOf(parts);
  }

  @Override
  public boolean test(FactValues facts) {
    for (Condition c : parts) {
      if (c.test(facts)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void collectFacts(Set<String> into) {
    for (Condition c : parts) {
      c.collectFacts(into);
    }
  }
}
