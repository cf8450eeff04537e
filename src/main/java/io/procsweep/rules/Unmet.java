package io.procsweep.rules;

import io.procsweep.facts.FactValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Why a condition did not hold (or, for an {@code unless:}, why it did): the condition as a rule
 * file writes it, and the values of the facts it read. A leaf test reads one fact; a {@code not:}
 * the facts of what it negates; an {@code any:} reads nothing itself and lists why each of its
 * alternatives failed.
 *
 * @param condition the condition, e.g. {@code state_seconds: gt 600}
 * @param values the facts it read, by name, in reading order; a null value is unknown
 * @param alternatives for {@code any:}, one entry per alternative, in order; empty otherwise
 * @param held the condition held where it must not: a {@code not:}'s inner condition, or a
 *     rule's {@code unless:}
 */
public record Unmet(String condition, Map<String, Object> values, List<Unmet> alternatives,
    boolean held) {

  public Unmet {
    // Unknown facts are null values, which Map.copyOf refuses.
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    alternatives = List.copyOf(alternatives);
  }

  /** A leaf test of one fact that read {@code actual}. */
  static Unmet leaf(String condition, String fact, Object actual) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(fact, actual);
    return new Unmet(condition, v, List.of(), false);
  }

  /** {@code c} held: its description and the values of every fact it reads. */
  public static Unmet held(Condition c, FactValues facts) {
    Set<String> names = new LinkedHashSet<>();
    c.collectFacts(names);
    Map<String, Object> v = new LinkedHashMap<>();
    names.forEach(n -> v.put(n, facts.get(n)));
    return new Unmet(c.describe(), v, List.of(), true);
  }

  /**
   * For people: {@code state_seconds: gt 600 — was 12.0}; {@code not: {...} — held (a was
   * true)}; {@code any: [...] — no alternative held}. Raw text: terminal writers escape it.
   */
  public String sentence() {
    if (!alternatives.isEmpty()) {
      return condition + " — no alternative held";
    }
    if (held) {
      StringJoiner read = new StringJoiner(", ");
      values.forEach((k, v) -> read.add(k + " was " + Values.text(v)));
      return condition + " — held (" + read + ")";
    }
    if (values.size() == 1) {
      return condition + " — was " + Values.text(values.values().iterator().next());
    }
    StringJoiner read = new StringJoiner(", ");
    values.forEach((k, v) -> read.add(k + " was " + Values.text(v)));
    return condition + " — " + read;
  }
}
