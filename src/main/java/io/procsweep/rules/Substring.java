package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/** {@code contains} on a string or state fact: it contains any of the needles. Null is false. */
record Substring(String fact, List<String> needles) implements Condition {
  Substring {
    needles = List.copyOf(needles);
  }

  @Override
  public boolean test(FactValues facts) {
    Object v = facts.get(fact);
    if (v == null) {
      return false;
    }
    String s = v.toString();
    for (String n : needles) {
      if (s.contains(n)) {
        return true;
      }
    }
    return false;
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
    return fact + ": " + Values.operand("contains", needles);
  }
}
