package io.procsweep.rules;

import io.procsweep.facts.FactValues;

/** {@code exists: true|false}: the fact is known (not null), or unknown. */
record Exists(String fact, boolean expected) implements FactTest {
  @Override
  public boolean test(FactValues facts) {
    return (facts.get(fact) != null) == expected;
  }

  @Override
  public String describe() {
    return fact + ": exists " + expected;
  }
}
