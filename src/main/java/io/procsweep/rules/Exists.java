package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Set;
import java.util.Optional;

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
  @Override
  public Optional<Unmet> firstFailure(FactValues facts) {
    return test(facts) ? Optional.empty()
        : Optional.of(Unmet.leaf(describe(), fact, facts.get(fact)));
  }

  @Override
  public String describe() {
    return fact + ": exists " + expected;
  }
}
