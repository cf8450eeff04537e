package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Optional;
import java.util.Set;

/**
 * A leaf condition: one test of one fact. It reads that fact only, and when it fails, the
 * reason is itself with the value it read.
 */
interface FactTest extends Condition {
  /** The fact it reads. */
  String fact();

  @Override
  default void collectFacts(Set<String> into) {
    into.add(fact());
  }

  @Override
  default Decision decide(FactValues facts) {
    return facts.isRead(fact()) ? Decision.of(test(facts)) : Decision.NEEDS_READ;
  }

  @Override
  default Optional<Unmet> firstFailure(FactValues facts) {
    return test(facts) ? Optional.empty()
        : Optional.of(Unmet.leaf(describe(), fact(), facts.get(fact())));
  }
}
