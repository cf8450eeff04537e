package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.List;

/** {@code contains} on a string or state fact: it contains any of the needles. Null is false. */
record Substring(String fact, List<String> needles) implements FactTest {
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
  public String describe() {
    return fact + ": " + Values.operand("contains", needles);
  }
}
