package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * {@code eq in} (and {@code contains} on a STRING_LIST) on string and state facts, exact and
 * case-sensitive; {@code ne not_in} when {@code negate}. On a list fact the positive form holds
 * when any element is one of the values, the negated form when no element is. Unknown (null) is
 * false either way.
 */
record StringIn(String fact, Set<String> values, boolean negate, boolean list)
    implements Condition {
  StringIn {
    values = Set.copyOf(values);
  }

  @Override
  public boolean test(FactValues facts) {
    Object v = facts.get(fact);
    if (v == null) {
      return false;
    }
    if (!list) {
      return values.contains(v) != negate;
    }
    for (Object e : (List<?>) v) {
      if (e != null && values.contains(e)) {
        return !negate;
      }
    }
    return negate;
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
    String op = negate ? "ne" : list && values.size() == 1 ? "contains" : "eq";
    return fact + ": " + Values.operand(op, new java.util.ArrayList<>(new java.util.TreeSet<>(values)));
  }
}
