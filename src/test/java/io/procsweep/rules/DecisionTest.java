package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.FactValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Judging a rule before some facts are read: an outcome it gives must be the outcome of every
 * value those facts can take (true, false, unknown), or a scan that skips them would report
 * something a full read would not.
 */
class DecisionTest {
  private static final List<String> FACTS = List.of("a", "b", "c");
  private static final Boolean[] VALUES = {true, false, null};

  /** Facts with values, of which {@code unread} were not read (their values are ignored). */
  private record Values(Map<String, Boolean> values, Set<String> unread) implements FactValues {
    @Override
    public Object get(String name) {
      return unread.contains(name) ? null : values.get(name);
    }

    @Override
    public boolean isRead(String name) {
      return !unread.contains(name);
    }
  }

  private static Condition leaf(String fact, boolean accept) {
    return new BoolIn(fact, accept, !accept);
  }

  @Test
  void allFailsOnOnePartThatFailsWhateverTheUnreadPartIs() {
    Condition c = new AllOf(List.of(leaf("a", true), leaf("b", true)));
    assertEquals(Decision.FAILS, c.decide(values(Map.of("a", false), Set.of("b"))));
    assertEquals(Decision.NEEDS_READ, c.decide(values(Map.of("a", true), Set.of("b"))));
    assertEquals(Decision.HOLDS, c.decide(values(Map.of("a", true, "b", true), Set.of())));
  }

  @Test
  void anyHoldsOnOnePartThatHolds() {
    Condition c = new AnyOf(List.of(leaf("a", true), leaf("b", true)));
    assertEquals(Decision.HOLDS, c.decide(values(Map.of("a", true), Set.of("b"))));
    assertEquals(Decision.NEEDS_READ, c.decide(values(Map.of("a", false), Set.of("b"))));
  }

  @Test
  void notOfAnUnreadFactStaysUndecided() {
    Condition c = new Not(leaf("a", true));
    assertEquals(Decision.NEEDS_READ, c.decide(values(Map.of(), Set.of("a"))));
    assertEquals(Decision.HOLDS, c.decide(values(Map.of("a", false), Set.of())));
  }

  @Test
  void anUnlessThatHoldsOnTheFirstReadRulesTheProcessOut() {
    Rule r = new Rule("r", "custom", Severity.LOW, null, leaf("a", true),
        List.of(leaf("b", true)), null, "test");
    assertEquals(Decision.FAILS, r.decide(values(Map.of("b", true), Set.of("a"))));
    assertEquals(Decision.NEEDS_READ, r.decide(values(Map.of("a", true), Set.of("b"))));
    assertEquals(Decision.HOLDS, r.decide(values(Map.of("a", true, "b", false), Set.of())));
  }

  /** Random conditions over three facts, every assignment and every subset left unread. */
  @Test
  void aDecisionOnPartOfTheFactsIsTheOutcomeOfEveryWayTheRestCanBe() {
    Random random = new Random(20261202);
    int decidedEarly = 0;
    for (int i = 0; i < 400; i++) {
      Condition c = condition(random, 3);
      for (Map<String, Boolean> full : assignments()) {
        boolean outcome = c.test(values(full, Set.of()));
        assertEquals(Decision.of(outcome), c.decide(values(full, Set.of())), c.describe());
        for (Set<String> unread : subsets()) {
          Decision d = c.decide(values(full, unread));
          if (d == Decision.NEEDS_READ) {
            continue;
          }
          decidedEarly += unread.isEmpty() ? 0 : 1;
          for (Map<String, Boolean> other : assignments()) {
            if (agreeOnRead(full, other, unread)) {
              assertEquals(d, Decision.of(c.test(values(other, Set.of()))),
                  c.describe() + " with " + full + ", unread " + unread + ", then " + other);
            }
          }
        }
      }
    }
    assertTrue(decidedEarly > 1000, "the generated conditions decide early often: " + decidedEarly);
  }

  private static Values values(Map<String, Boolean> v, Set<String> unread) {
    return new Values(v, unread);
  }

  private static boolean agreeOnRead(Map<String, Boolean> a, Map<String, Boolean> b,
      Set<String> unread) {
    for (String f : FACTS) {
      if (!unread.contains(f) && a.get(f) != b.get(f)) {
        return false;
      }
    }
    return true;
  }

  private static Condition condition(Random random, int depth) {
    int kind = depth == 0 ? 0 : random.nextInt(4);
    return switch (kind) {
      case 0 -> leaf(FACTS.get(random.nextInt(FACTS.size())), random.nextBoolean());
      case 1 -> new Not(condition(random, depth - 1));
      default -> {
        List<Condition> parts = new ArrayList<>();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          parts.add(condition(random, depth - 1));
        }
        yield kind == 2 ? new AllOf(parts) : new AnyOf(parts);
      }
    };
  }

  private static List<Map<String, Boolean>> assignments() {
    List<Map<String, Boolean>> out = new ArrayList<>();
    for (Boolean a : VALUES) {
      for (Boolean b : VALUES) {
        for (Boolean c : VALUES) {
          Map<String, Boolean> m = new HashMap<>();
          m.put("a", a);
          m.put("b", b);
          m.put("c", c);
          out.add(m);
        }
      }
    }
    return out;
  }

  private static List<Set<String>> subsets() {
    List<Set<String>> out = new ArrayList<>();
    for (int mask = 0; mask < 8; mask++) {
      Set<String> s = new java.util.HashSet<>();
      for (int i = 0; i < 3; i++) {
        if ((mask & (1 << i)) != 0) {
          s.add(FACTS.get(i));
        }
      }
      out.add(s);
    }
    return out;
  }
}
