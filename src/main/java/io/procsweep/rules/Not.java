package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Set;
import java.util.Optional;

/**
 * {@code not: cond}. Plain negation: a test that is false because its fact is unknown becomes
 * true here. Rules that must not fire on missing data use {@code ne} / {@code not_in} instead,
 * which are false on unknown facts.
 */
record Not(Condition inner) implements Condition {
  @Override
  public boolean test(FactValues facts) {
    return !inner.test(facts);
  }

  @Override
  public Decision decide(FactValues facts) {
    return inner.decide(facts).negate();
  }

  @Override
  public void collectFacts(Set<String> into) {
    inner.collectFacts(into);
  }
  @Override
  public Optional<Unmet> firstFailure(FactValues facts) {
    return inner.test(facts) ? Optional.of(Unmet.held(this, facts)) : Optional.empty();
  }

  @Override
  public String describe() {
    return "not: {" + inner.describe() + "}";
  }
}
