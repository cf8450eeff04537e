package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compiled rule: it matches a process when {@code when} holds and no {@code unless} holds.
 *
 * @param id unique id across all loaded rule sets
 * @param category zombie, orphan, stale-listener, hung, or a custom name
 * @param severity how bad a match is
 * @param description one-line explanation, used as the finding's message
 * @param when the condition
 * @param unless exceptions; any one that holds suppresses the match
 * @param cleanup proposed cleanup per mode
 * @param source file the rule came from (after overrides: the file that defined it)
 */
public record Rule(
    String id,
    String category,
    Severity severity,
    String description,
    Condition when,
    List<Condition> unless,
    CleanupSpec cleanup,
    String source) {

  public Rule {
    unless = List.copyOf(unless);
  }

  public boolean matches(FactValues facts) {
    if (!when.test(facts)) {
      return false;
    }
    for (Condition u : unless) {
      if (u.test(facts)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #matches} where some facts may not have been read: {@link Decision#HOLDS} or {@link
   * Decision#FAILS} when the unread facts cannot change the outcome, else {@link
   * Decision#NEEDS_READ}. With every fact read it agrees with {@link #matches}.
   */
  public Decision decide(FactValues facts) {
    Decision out = when.decide(facts);
    if (out == Decision.FAILS) {
      return out;
    }
    for (Condition u : unless) {
      Decision d = u.decide(facts);
      if (d == Decision.HOLDS) {
        return Decision.FAILS;
      }
      if (d == Decision.NEEDS_READ) {
        out = d;
      }
    }
    return out;
  }

  /**
   * {@link #matches} with the reason: the first part of {@code when} that failed, or the first
   * {@code unless} that held. Matches exactly when {@link #matches} does.
   */
  public RuleCheck check(FactValues facts) {
    Optional<Unmet> failed = when.firstFailure(facts);
    if (failed.isPresent()) {
      return new RuleCheck(this, failed.get(), null);
    }
    for (Condition u : unless) {
      if (u.test(facts)) {
        return new RuleCheck(this, null, Unmet.held(u, facts));
      }
    }
    return new RuleCheck(this, null, null);
  }

  /** The values of the facts {@code when} reads, sorted by name: why the rule matched. */
  public Map<String, Object> evidence(FactValues facts) {
    Set<String> names = new TreeSet<>();
    when.collectFacts(names);
    Map<String, Object> out = new LinkedHashMap<>();
    for (String n : names) {
      out.put(n, facts.get(n));
    }
    return out;
  }
}
