package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Set;

/** A compiled rule condition. Implementations are records (leaf tests, all, any, not). */
public interface Condition {
  /** True when the facts satisfy the condition; an unknown (null) fact never satisfies a test. */
  boolean test(FactValues facts);

  /** Adds the names of the facts this condition reads (for a finding's evidence). */
  void collectFacts(Set<String> into);
}
