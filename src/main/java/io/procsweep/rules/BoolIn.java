package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Set;
import java.util.Optional;

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
  @Override
  public Optional<Unmet> firstFailure(FactValues facts) {
    return test(facts) ? Optional.empty()
        : Optional.of(Unmet.leaf(describe(), fact, facts.get(fact)));
  }

  @Override
  public String describe() {
    if (acceptTrue != acceptFalse) {
      return fact + ": " + acceptTrue;
    }
    return fact + ": in " + (acceptTrue ? "[true, false]" : "[]");
  }
}
