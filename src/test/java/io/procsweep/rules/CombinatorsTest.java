package io.procsweep.rules;

import static io.procsweep.rules.RuleTexts.facts;
import static io.procsweep.rules.RuleTexts.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** all / any / not, multi-key mappings, unless, and the evidence a rule reports. */
class CombinatorsTest {

  @Test
  void allNeedsEveryPart() throws Exception {
    Condition c = when("{ all: [ { reparented: true }, { name: node } ] }");
    assertTrue(c.test(facts("reparented", true, "name", "node")));
    assertFalse(c.test(facts("reparented", false, "name", "node")));
    assertFalse(c.test(facts("reparented", true, "name", "vite")));
  }

  @Test
  void severalKeysInOneMappingMeanAll() throws Exception {
    Condition c = when("{ reparented: true, name: node }");
    assertTrue(c.test(facts("reparented", true, "name", "node")));
    assertFalse(c.test(facts("reparented", true, "name", "vite")));
  }

  @Test
  void anyNeedsOnePart() throws Exception {
    Condition c = when("{ any: [ { state: zombie }, { state: stopped } ] }");
    assertTrue(c.test(facts("state", "zombie")));
    assertTrue(c.test(facts("state", "stopped")));
    assertFalse(c.test(facts("state", "running")));
  }

  @Test
  void notInvertsAndTurnsUnknownIntoTrue() throws Exception {
    Condition c = when("{ not: { name: sshd } }");
    assertTrue(c.test(facts("name", "bash")));
    assertFalse(c.test(facts("name", "sshd")));
    // Documented difference: not: over an unknown fact holds, ne does not.
    assertTrue(c.test(facts()));
    assertFalse(when("{ name: { ne: sshd } }").test(facts()));
  }

  @Test
  void nestedCombinators() throws Exception {
    Condition c = when("{ all: [ { reparented: true },"
        + " { any: [ { name: node }, { not: { cmdline: { contains: safe } } } ] } ] }");
    assertTrue(c.test(facts("reparented", true, "name", "node", "cmdline", "safe")));
    assertTrue(c.test(facts("reparented", true, "name", "x", "cmdline", "y")));
    assertFalse(c.test(facts("reparented", true, "name", "x", "cmdline", "safe mode")));
    assertFalse(c.test(facts("reparented", false, "name", "node", "cmdline", "y")));
  }

  @Test
  void unlessSuppressesAMatch() throws Exception {
    String yaml = "version: 1\nrules:\n  - id: zombie\n    category: zombie\n"
        + "    when: { state: zombie }\n    unless:\n      - { age_seconds: { lt: 5 } }\n"
        + "      - { parent_name: systemd }\n";
    Rule r = RuleTexts.load("u.yaml", yaml).rules().get(0);
    assertTrue(r.matches(facts("state", "zombie", "age_seconds", 60L, "parent_name", "bash")));
    assertFalse(r.matches(facts("state", "zombie", "age_seconds", 1L, "parent_name", "bash")));
    assertFalse(r.matches(facts("state", "zombie", "age_seconds", 60L,
        "parent_name", "systemd")));
    // An exception over unknown data does not hold, so it does not suppress.
    assertTrue(r.matches(facts("state", "zombie")));
    assertFalse(r.matches(facts("state", "running", "age_seconds", 60L)));
  }

  @Test
  void evidenceNamesTheFactsOfWhen() throws Exception {
    Condition c = when("{ all: [ { reparented: true }, { not: { name: { in: [a] } } } ],"
        + " age_seconds: { gt: 1 } }");
    Set<String> names = new TreeSet<>();
    c.collectFacts(names);
    assertEquals(Set.of("age_seconds", "name", "reparented"), names);

    Rule r = new Rule("r", "test", Severity.LOW, "d", c, List.of(), CleanupSpec.NONE, "x");
    Map<String, Object> ev = r.evidence(facts("reparented", true, "name", "b", "pid", 3L));
    assertEquals(List.of("age_seconds", "name", "reparented"), List.copyOf(ev.keySet()));
    assertEquals("b", ev.get("name"));
  }
}
