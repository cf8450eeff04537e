package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Set;

/** {@code exists: true|false}: the fact is known (not null), or unknown. */
record Exists(String fact, boolean expected) implements Condition {
  @Override
  public boolean test(FactValues facts) {
    return (facts.get(fact) != null) == expected;
  }

  @Override
  public void collectFacts(Set<String> into) {
    into.add(fact);
  }
}
