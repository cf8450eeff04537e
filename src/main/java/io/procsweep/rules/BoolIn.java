package io.procsweep.rules;

import io.procsweep.facts.FactValues;

/**
 * {@code eq ne in not_in} on a BOOLEAN fact, reduced at compile time to which of the two values
 * are accepted. Unknown (null) is false.
 */
record BoolIn(String fact, boolean acceptTrue, boolean acceptFalse) implements FactTest {
  @Override
  public boolean test(FactValues facts) {
    Object v = facts.get(fact);
    if (v == null) {
      return false;
    }
    return ((Boolean) v) ? acceptTrue : acceptFalse;
  }

  @Override
  public String describe() {
    if (acceptTrue != acceptFalse) {
      return fact + ": " + acceptTrue;
    }
    return fact + ": in " + (acceptTrue ? "[true, false]" : "[]");
  }
}
