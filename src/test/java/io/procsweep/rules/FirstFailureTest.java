package io.procsweep.rules;

import static io.procsweep.rules.RuleTexts.facts;
import static io.procsweep.rules.RuleTexts.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.FactValues;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The explaining evaluation behind {@code procsweep explain}: per condition type, the sentence
 * for the first failure, and that it is empty exactly when {@code test} is true.
 */
class FirstFailureTest {

  /** The failure's sentence; also checks it agrees with test(). */
  private static String why(String condition, FactValues f) throws RuleLoadException {
    Condition c = when(condition);
    Optional<Unmet> u = c.firstFailure(f);
    assertEquals(!c.test(f), u.isPresent(), condition + " on " + f);
    return u.map(Unmet::sentence).orElse(null);
  }

  @Test
  void numberCompareNamesTheBoundAndTheValue() throws Exception {
    assertEquals("state_seconds: gt 600 — was 12.0",
        why("{ state_seconds: { gt: 600 } }", facts("state_seconds", 12.0)));
    assertEquals("age_seconds: lte 5 — was 6",
        why("{ age_seconds: { lte: 5 } }", facts("age_seconds", 6L)));
    assertEquals("cpu_percent: gte 90.5 — was unknown",
        why("{ cpu_percent: { gte: 90.5 } }", facts()));
    assertEquals(null, why("{ state_seconds: { gt: 600 } }", facts("state_seconds", 601.0)));
    assertEquals("listening_ports: lt 1024 — was [3000, 8000]",
        why("{ listening_ports: { lt: 1024 } }", facts("listening_ports", List.of(3000L, 8000L))));
  }

  @Test
  void boolIn() throws Exception {
    assertEquals("reparented: true — was false",
        why("{ reparented: true }", facts("reparented", false)));
    assertEquals("daemon_like: false — was true",
        why("{ daemon_like: { ne: true } }", facts("daemon_like", true)));
    assertEquals("daemon_like: false — was unknown", why("{ daemon_like: false }", facts()));
    assertEquals(null, why("{ reparented: true }", facts("reparented", true)));
  }

  @Test
  void stringInAndSubstring() throws Exception {
    assertEquals("state: zombie — was sleeping",
        why("{ state: zombie }", facts("state", "sleeping")));
    assertEquals("name: in [node, vite] — was bash",
        why("{ name: { in: [vite, node] } }", facts("name", "bash")));
    assertEquals("name: not_in [node, vite] — was node",
        why("{ name: { not_in: [vite, node] } }", facts("name", "node")));
    assertEquals("cmdline: contains uvicorn — was python3 -m http.server",
        why("{ cmdline: { contains: uvicorn } }", facts("cmdline", "python3 -m http.server")));
    assertEquals("args: contains --reload — was [uvicorn, app]",
        why("{ args: { contains: --reload } }", facts("args", List.of("uvicorn", "app"))));
  }

  @Test
  void numberIn() throws Exception {
    assertEquals("pid: 42 — was 43", why("{ pid: 42 }", facts("pid", 43L)));
    assertEquals("pid: ne 1 — was 1", why("{ pid: { ne: 1 } }", facts("pid", 1L)));
    assertEquals("listening_ports: contains 3000 — was [8000]",
        why("{ listening_ports: { contains: 3000 } }", facts("listening_ports", List.of(8000L))));
    assertEquals("ppid: in [1, 2] — was 7", why("{ ppid: { in: [1, 2] } }", facts("ppid", 7L)));
  }

  @Test
  void longListsAreCut() throws Exception {
    assertEquals("pid: in [1, 2, 3, 4, 5, 6, 7, 8, … 2 more] — was 11",
        why("{ pid: { in: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } }", facts("pid", 11L)));
  }

  @Test
  void patternsKeepTheirSource() throws Exception {
    assertEquals("name: regex ^uv — was gunicorn",
        why("{ name: { regex: '^uv' } }", facts("name", "gunicorn")));
    assertEquals("exe: glob /usr/*/python3 — was unknown",
        why("{ exe: { glob: '/usr/*/python3' } }", facts()));
  }

  @Test
  void exists() throws Exception {
    assertEquals("cwd: exists true — was unknown", why("{ cwd: { exists: true } }", facts()));
    assertEquals("cwd: exists false — was /", why("{ cwd: { exists: false } }", facts("cwd", "/")));
  }

  @Test
  void allOfStopsAtTheFirstFailingPart() throws Exception {
    FactValues f = facts("state", "zombie", "reparented", false, "pid", 5L);
    assertEquals("reparented: true — was false",
        why("{ all: [ { state: zombie }, { reparented: true }, { pid: 6 } ] }", f));
    // A mapping with several keys is an all: too, in key order.
    assertEquals("pid: 6 — was 5", why("{ state: zombie, pid: 6 }", f));
    assertEquals(null, why("{ state: zombie, pid: 5 }", f));
  }

  @Test
  void anyOfListsEveryAlternative() throws Exception {
    Condition c = when("{ any: [ { state: zombie }, { age_seconds: { gt: 60 } } ] }");
    FactValues f = facts("state", "running", "age_seconds", 3L);
    Unmet u = c.firstFailure(f).orElseThrow();
    assertEquals("any: [{state: zombie}, {age_seconds: gt 60}] — no alternative held",
        u.sentence());
    assertEquals(List.of("state: zombie — was running", "age_seconds: gt 60 — was 3"),
        u.alternatives().stream().map(Unmet::sentence).toList());
    assertTrue(c.firstFailure(facts("state", "running", "age_seconds", 61L)).isEmpty());
  }

  @Test
  void notNamesWhatHeld() throws Exception {
    assertEquals("not: {reparented: true} — held (reparented was true)",
        why("{ not: { reparented: true } }", facts("reparented", true)));
    // Plain negation: an unknown fact makes the inner test false, so the not holds.
    assertEquals(null, why("{ not: { reparented: true } }", facts()));
  }

  @Test
  void ruleCheckGivesTheWhenFailureOrTheUnlessThatHeld() throws Exception {
    Rule r = RuleTexts.load("t.yaml", "version: 1\nrules:\n  - id: z\n    category: zombie\n"
        + "    when: { state: zombie }\n    unless:\n      - { age_seconds: { lt: 5 } }\n"
        + "      - { reparented: true }\n").rules().get(0);
    RuleCheck running = r.check(facts("state", "running", "reparented", true));
    assertFalse(running.matched());
    assertEquals("state: zombie — was running", running.whenFailed().sentence());
    RuleCheck adopted = r.check(facts("state", "zombie", "age_seconds", 9L, "reparented", true));
    assertFalse(adopted.matched());
    assertEquals(null, adopted.whenFailed());
    assertEquals("reparented: true — held (reparented was true)",
        adopted.unlessHeld().sentence());
    RuleCheck found = r.check(facts("state", "zombie", "age_seconds", 9L, "reparented", false));
    assertTrue(found.matched());
    assertEquals(r.matches(facts("state", "zombie", "age_seconds", 9L)),
        r.check(facts("state", "zombie", "age_seconds", 9L)).matched());
  }
}
