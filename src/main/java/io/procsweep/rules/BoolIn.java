package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Set;

/**
 * {@code eq ne in not_in} on a BOOLEAN fact, reduced at compile time to which of the two values
 * are accepted. Unknown (null) is false.
 */
record BoolIn(String fact, boolean acceptTrue, boolean acceptFalse) implements Condition {
  @Override
  public boolean test(FactValues facts) {
    Object v = facts.get(fact);
    if (v == null) {
      return false;
    }
    return ((Boolean) v) ? acceptTrue : acceptFalse;
  }

  @Override
  public void collectFacts(Set<String> into) {
    into.add(fact);
  }
}
