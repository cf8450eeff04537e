package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Arrays;
import java.util.List;

/**
 * {@code eq in} (and {@code contains} on an INTEGER_LIST) on numeric facts, compared as double;
 * {@code ne not_in} when {@code negate}. On a list fact the positive form holds when any element
 * is one of the values, the negated form when no element is. Unknown (null) is false either way.
 */
record NumberIn(String fact, double[] values, boolean negate, boolean list) implements FactTest {
  NumberIn {
    values = values.clone();
  }

  @Override
  public boolean test(FactValues facts) {
    Object v = facts.get(fact);
    if (v == null) {
      return false;
    }
    if (!list) {
      return contains(((Number) v).doubleValue()) != negate;
    }
    for (Object e : (List<?>) v) {
      if (e != null && contains(((Number) e).doubleValue())) {
        return !negate;
      }
    }
    return negate;
  }

  private boolean contains(double d) {
    for (double x : values) {
      if (x == d) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberIn && ((NumberIn) o).fact.equals(fact)
        && Arrays.equals(((NumberIn) o).values, values) && ((NumberIn) o).negate == negate
        && ((NumberIn) o).list == list;
  }

  @Override
  public int hashCode() {
    return fact.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NumberIn[" + fact + (negate ? " not in " : " in ") + Arrays.toString(values) + "]";
  }

  @Override
  public String describe() {
    String op = negate ? "ne" : list && values.length == 1 ? "contains" : "eq";
    return fact + ": " + Values.operand(op, Values.numbers(values));
  }
}
