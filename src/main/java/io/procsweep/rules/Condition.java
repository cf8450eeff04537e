package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Optional;
import java.util.Set;

/** A compiled rule condition. Implementations are records (leaf tests, all, any, not). */
public interface Condition {
  /** True when the facts satisfy the condition; an unknown (null) fact never satisfies a test. */
  boolean test(FactValues facts);

  /**
   * {@link #test} where some facts may not have been read ({@link FactValues#isRead}): {@link
   * Decision#HOLDS} or {@link Decision#FAILS} only when every value of the unread facts gives
   * that outcome. With every fact read, it is exactly {@link #test}.
   */
  Decision decide(FactValues facts);

  /** Adds the names of the facts this condition reads (for a finding's evidence). */
  void collectFacts(Set<String> into);

  /**
   * Why the condition does not hold, for {@code procsweep explain}: the first leaf test that
   * failed with the value it read, a {@code not:} whose inner condition held, or for {@code
   * any:} the failure of every alternative. Empty exactly when {@link #test} is true.
   */
  Optional<Unmet> firstFailure(FactValues facts);

  /** The condition as a rule file would write it: {@code state_seconds: gt 600}. */
  String describe();
}
