package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code eq in} (and {@code contains} on a STRING_LIST) on string and state facts, exact and
 * case-sensitive; {@code ne not_in} when {@code negate}. On a list fact the positive form holds
 * when any element is one of the values, the negated form when no element is. Unknown (null) is
 * false either way.
 */
record StringIn(String fact, Set<String> values, boolean negate, boolean list)
    implements FactTest {
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
  public String describe() {
    String op = negate ? "ne" : list && values.size() == 1 ? "contains" : "eq";
    // Sorted, so the text is the same whatever order the rule file listed them in.
    return fact + ": " + Values.operand(op, new ArrayList<>(new TreeSet<>(values)));
  }
}
