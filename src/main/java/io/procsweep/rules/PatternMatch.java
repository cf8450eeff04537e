package io.procsweep.rules;

import com.google.re2j.Pattern;
import io.procsweep.facts.FactValues;
import java.util.List;

/**
 * {@code regex} (find semantics) and {@code glob} (compiled to an anchored regex) on string,
 * state and string-list facts: any pattern matches the value, or for a list any element. RE2
 * matches in linear time, so a hostile command line cannot stall a scan. Null is false. {@code
 * op} ({@code regex} or {@code glob}) and {@code sources} are the patterns as written, for
 * {@link #describe()}.
 */
record PatternMatch(String fact, List<Pattern> patterns, boolean list, String op,
    List<String> sources) implements FactTest {
  PatternMatch {
    patterns = List.copyOf(patterns);
    sources = List.copyOf(sources);
  }

  @Override
  public boolean test(FactValues facts) {
    Object v = facts.get(fact);
    if (v == null) {
      return false;
    }
    if (!list) {
      return matches(v.toString());
    }
    for (Object e : (List<?>) v) {
      if (e != null && matches(e.toString())) {
        return true;
      }
    }
    return false;
  }

  private boolean matches(String s) {
    for (Pattern p : patterns) {
      if (p.matcher(s).find()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String describe() {
    return fact + ": " + Values.operand(op, sources);
  }
}
