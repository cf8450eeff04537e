package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.List;
import java.util.Set;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** {@code any: [...]}: at least one part holds. */
record AnyOf(List<Condition> parts) implements Condition {
  AnyOf {
    parts = List.copyOf(parts);
  }

  @Override
  public boolean test(FactValues facts) {
    for (Condition c : parts) {
      if (c.test(facts)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Decision decide(FactValues facts) {
    Decision out = Decision.FAILS;
    for (Condition c : parts) {
      Decision d = c.decide(facts);
      if (d == Decision.HOLDS) {
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
    List<Unmet> failed = new ArrayList<>();
    for (Condition c : parts) {
      Optional<Unmet> u = c.firstFailure(facts);
      if (u.isEmpty()) {
        return Optional.empty();
      }
      failed.add(u.get());
    }
    return Optional.of(new Unmet(describe(), Map.of(), failed, false));
  }

  @Override
  public String describe() {
    StringJoiner j = new StringJoiner(", ", "any: [", "]");
    parts.forEach(p -> j.add("{" + p.describe() + "}"));
    return j.toString();
  }
}
