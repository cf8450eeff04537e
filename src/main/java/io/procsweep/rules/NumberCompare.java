package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.List;

/**
 * {@code lt lte gt gte} on an INTEGER or NUMBER fact, compared as double; on an INTEGER_LIST
 * fact, true when any element satisfies it. Unknown (null) is false.
 */
record NumberCompare(String fact, Comparison op, double bound, boolean list) implements FactTest {

  /** The four orderings; a constant-specific method keeps the per-process test branch-free. */
  enum Comparison {
    LT {
      @Override
      boolean holds(double v, double bound) {
        return v < bound;
      }
    },
    LTE {
      @Override
      boolean holds(double v, double bound) {
        return v <= bound;
      }
    },
    GT {
      @Override
      boolean holds(double v, double bound) {
        return v > bound;
      }
    },
    GTE {
      @Override
      boolean holds(double v, double bound) {
        return v >= bound;
      }
    };

    abstract boolean holds(double v, double bound);
  }

  @Override
  public boolean test(FactValues facts) {
    Object v = facts.get(fact);
    if (v == null) {
      return false;
    }
    if (!list) {
      return op.holds(((Number) v).doubleValue(), bound);
    }
    for (Object e : (List<?>) v) {
      if (e != null && op.holds(((Number) e).doubleValue(), bound)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String describe() {
    return fact + ": " + op.name().toLowerCase(java.util.Locale.ROOT) + " " + Values.number(bound);
  }
}
