package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.StringJoiner;

/** {@code all: [...]}, and a mapping with several keys: every part holds. */
record AllOf(List<Condition> parts) implements Condition {
  AllOf {
    parts = List.copyOf(parts);
  }

  @Override
  public boolean test(FactValues facts) {
    for (Condition c : parts) {
      if (!c.test(facts)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Decision decide(FactValues facts) {
    Decision out = Decision.HOLDS;
    for (Condition c : parts) {
      Decision d = c.decide(facts);
      if (d == Decision.FAILS) {
        return d;
      }
      if (d == Decision.NEEDS_READ) {
        out = d;
      }
    }
    return out;
  }

  @Override
  public void collectFacts(Set<String> into) {
    for (Condition c : parts) {
      c.collectFacts(into);
    }
  }
  @Override
  public Optional<Unmet> firstFailure(FactValues facts) {
    for (Condition c : parts) {
      Optional<Unmet> u = c.firstFailure(facts);
      if (u.isPresent()) {
        return u;
      }
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    StringJoiner j = new StringJoiner(", ", "all: [", "]");
    parts.forEach(p -> j.add("{" + p.describe() + "}"));
    return j.toString();
  }
}
