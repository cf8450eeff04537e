package io.procsweep.rules;

import static io.procsweep.rules.RuleTexts.facts;
import static io.procsweep.rules.RuleTexts.when;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.FactValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operator, true and false, on hand-built facts; unknown facts; list-valued facts. */
class OperatorsTest {
  private static final FactValues NOTHING = facts();

  private static void holds(String condition, FactValues f) throws RuleLoadException {
    assertTrue(when(condition).test(f), condition);
  }

  private static void fails(String condition, FactValues f) throws RuleLoadException {
    assertFalse(when(condition).test(f), condition);
  }

  @Test
  void eqOnEveryType() throws Exception {
    holds("{ pid: 42 }", facts("pid", 42L));
    fails("{ pid: 42 }", facts("pid", 43L));
    holds("{ pid: { eq: 42.0 } }", facts("pid", 42L));
    holds("{ cpu_percent: 50 }", facts("cpu_percent", 50.0));
    fails("{ cpu_percent: 50 }", facts("cpu_percent", 50.5));
    holds("{ name: python3 }", facts("name", "python3"));
    fails("{ name: python3 }", facts("name", "Python3"));
    holds("{ name: 1234 }", facts("name", "1234"));
    holds("{ state: zombie }", facts("state", "zombie"));
    fails("{ state: zombie }", facts("state", "running"));
    holds("{ reparented: true }", facts("reparented", true));
    fails("{ reparented: true }", facts("reparented", false));
    holds("{ reparented: { eq: false } }", facts("reparented", false));
  }

  @Test
  void ne() throws Exception {
    holds("{ pid: { ne: 1 } }", facts("pid", 2L));
    fails("{ pid: { ne: 1 } }", facts("pid", 1L));
    holds("{ name: { ne: sshd } }", facts("name", "bash"));
    fails("{ name: { ne: sshd } }", facts("name", "sshd"));
    holds("{ daemon_like: { ne: true } }", facts("daemon_like", false));
    fails("{ daemon_like: { ne: true } }", facts("daemon_like", true));
  }

  @Test
  void inAndNotInWithLiteralsAndLists() throws Exception {
    String lists = "version: 1\nlists:\n  devs: [uvicorn, node]\n  ports: [3000, 8000]\n";
    RuleSet set = RuleTexts.load("l.yaml", lists + "rules:\n"
        + "  - { id: a, category: t, when: { name: { in: $devs } } }\n"
        + "  - { id: b, category: t, when: { name: { in: [vite, $devs] } } }\n"
        + "  - { id: c, category: t, when: { name: { not_in: $devs } } }\n"
        + "  - { id: d, category: t, when: { name: $devs } }\n"
        + "  - { id: e, category: t, when: { pid: { in: $ports } } }\n"
        + "  - { id: f, category: t, when: { pid: { ne: $ports } } }\n");
    Condition a = set.rules().get(0).when();
    Condition b = set.rules().get(1).when();
    Condition c = set.rules().get(2).when();
    Condition d = set.rules().get(3).when();
    Condition e = set.rules().get(4).when();
    Condition f = set.rules().get(5).when();
    assertTrue(a.test(facts("name", "node")));
    assertFalse(a.test(facts("name", "vite")));
    assertTrue(b.test(facts("name", "vite")));
    assertTrue(b.test(facts("name", "uvicorn")));
    assertFalse(b.test(facts("name", "bash")));
    assertTrue(c.test(facts("name", "bash")));
    assertFalse(c.test(facts("name", "node")));
    assertTrue(d.test(facts("name", "node")));
    assertFalse(d.test(facts("name", "nod")));
    assertTrue(e.test(facts("pid", 8000L)));
    assertFalse(e.test(facts("pid", 8001L)));
    assertTrue(f.test(facts("pid", 8001L)));
    assertFalse(f.test(facts("pid", 3000L)));

    holds("{ state: { in: [zombie, stopped] } }", facts("state", "stopped"));
    fails("{ state: { in: [zombie, stopped] } }", facts("state", "running"));
    holds("{ state: { not_in: [zombie] } }", facts("state", "running"));
    holds("{ reparented: { in: [true] } }", facts("reparented", true));
    fails("{ reparented: { not_in: [true] } }", facts("reparented", true));
    holds("{ age_seconds: { in: [1, 2.5] } }", facts("age_seconds", 1L));
  }

  @Test
  void orderings() throws Exception {
    holds("{ age_seconds: { lt: 5 } }", facts("age_seconds", 4L));
    fails("{ age_seconds: { lt: 5 } }", facts("age_seconds", 5L));
    holds("{ age_seconds: { lte: 5 } }", facts("age_seconds", 5L));
    fails("{ age_seconds: { lte: 5 } }", facts("age_seconds", 6L));
    holds("{ age_seconds: { gt: 5 } }", facts("age_seconds", 6L));
    fails("{ age_seconds: { gt: 5 } }", facts("age_seconds", 5L));
    holds("{ age_seconds: { gte: 5 } }", facts("age_seconds", 5L));
    fails("{ age_seconds: { gte: 5 } }", facts("age_seconds", 4L));
    // Int and float literals compare as doubles against both numeric fact types.
    holds("{ age_seconds: { gt: 1.5 } }", facts("age_seconds", 2L));
    fails("{ age_seconds: { gt: 1.5 } }", facts("age_seconds", 1L));
    holds("{ cpu_percent: { gte: 90 } }", facts("cpu_percent", 90.0));
    fails("{ cpu_percent: { gte: 90 } }", facts("cpu_percent", 89.99));
  }

  @Test
  void regexHasFindSemantics() throws Exception {
    holds("{ cmdline: { regex: 'uvicorn .*--reload' } }",
        facts("cmdline", "/usr/bin/python3 -m uvicorn app:app --reload"));
    fails("{ cmdline: { regex: '^uvicorn' } }", facts("cmdline", "python -m uvicorn"));
    holds("{ state: { regex: '^z' } }", facts("state", "zombie"));
  }

  @Test
  void globMatchesTheWholeString() throws Exception {
    holds("{ name: { glob: 'python3*' } }", facts("name", "python3.11"));
    fails("{ name: { glob: 'python3*' } }", facts("name", "xpython3"));
    holds("{ name: { glob: 'node?' } }", facts("name", "node1"));
    fails("{ name: { glob: 'node?' } }", facts("name", "node"));
    holds("{ name: { glob: '[gu]*corn' } }", facts("name", "gunicorn"));
    fails("{ name: { glob: '[!gu]*corn' } }", facts("name", "gunicorn"));
    holds("{ exe: { glob: '/usr/*/python*' } }", facts("exe", "/usr/local/bin/python3"));
    holds("{ name: { glob: 'a.b' } }", facts("name", "a.b"));
    fails("{ name: { glob: 'a.b' } }", facts("name", "axb"));
  }

  @Test
  void containsIsSubstringOnStringsAndMembershipOnLists() throws Exception {
    holds("{ cmdline: { contains: '--reload' } }", facts("cmdline", "uvicorn --reload"));
    fails("{ cmdline: { contains: '--reload' } }", facts("cmdline", "uvicorn"));
    holds("{ args: { contains: '--reload' } }", facts("args", List.of("uvicorn", "--reload")));
    fails("{ args: { contains: 'reload' } }", facts("args", List.of("uvicorn", "--reload")));
    holds("{ listening_ports: { contains: 8000 } }", facts("listening_ports", List.of(22L, 8000L)));
    fails("{ listening_ports: { contains: 8000 } }", facts("listening_ports", List.of(22L)));
  }

  @Test
  void existsTellsKnownFromUnknown() throws Exception {
    holds("{ exe: { exists: true } }", facts("exe", "/bin/sh"));
    fails("{ exe: { exists: true } }", NOTHING);
    holds("{ exe: { exists: false } }", NOTHING);
    fails("{ exe: { exists: false } }", facts("exe", "/bin/sh"));
    holds("{ listening_ports: { exists: true } }", facts("listening_ports", List.of()));
  }

  @Test
  void unknownFactsFailEveryOperatorButExistsFalse() throws Exception {
    for (String c : List.of(
        "{ pid: 1 }", "{ pid: { ne: 1 } }", "{ pid: { in: [1] } }", "{ pid: { not_in: [1] } }",
        "{ pid: { lt: 1 } }", "{ pid: { lte: 1 } }", "{ pid: { gt: 1 } }", "{ pid: { gte: 1 } }",
        "{ name: { regex: '.*' } }", "{ name: { glob: '*' } }", "{ name: { contains: '' } }",
        "{ name: { ne: x } }", "{ name: { not_in: [x] } }", "{ reparented: { ne: true } }",
        "{ args: { contains: x } }", "{ listening_ports: { not_in: [1] } }",
        "{ exe: { exists: true } }")) {
      fails(c, NOTHING);
    }
    holds("{ exe: { exists: false } }", NOTHING);
  }

  @Test
  void listFactsMatchOnAnyElementAndNegationsOnNone() throws Exception {
    FactValues ports = facts("listening_ports", List.of(22L, 8000L));
    holds("{ listening_ports: 8000 }", ports);
    fails("{ listening_ports: 8001 }", ports);
    holds("{ listening_ports: { in: [1, 22] } }", ports);
    holds("{ listening_ports: { gt: 7999 } }", ports);
    fails("{ listening_ports: { lt: 22 } }", ports);
    holds("{ listening_ports: { ne: 1 } }", ports);
    fails("{ listening_ports: { ne: 22 } }", ports);
    holds("{ listening_ports: { not_in: [1, 2] } }", ports);
    fails("{ listening_ports: { not_in: [1, 8000] } }", ports);

    FactValues args = facts("args", List.of("node", "server.js"));
    holds("{ args: { regex: '\\.js$' } }", args);
    fails("{ args: { regex: '\\.ts$' } }", args);
    holds("{ args: { glob: '*.js' } }", args);
    holds("{ args: server.js }", args);
    fails("{ args: { ne: node } }", args);

    FactValues none = facts("listening_ports", List.of());
    fails("{ listening_ports: { gt: 0 } }", none);
    holds("{ listening_ports: { ne: 1 } }", none);
  }

  @Test
  void severalOperatorsInOneMappingMustAllHold() throws Exception {
    String c = "{ age_seconds: { gte: 10, lt: 20 } }";
    holds(c, facts("age_seconds", 10L));
    fails(c, facts("age_seconds", 20L));
    fails(c, facts("age_seconds", 9L));
  }

  @Test
  void pathologicalRegexIsLinearAndCorrect() throws Exception {
    Condition c = when("{ cmdline: { regex: '(a+)+$' } }");
    assertFalse(c.test(facts("cmdline", "a".repeat(10_000) + "!")));
    assertTrue(c.test(facts("cmdline", "!" + "a".repeat(10_000))));
  }
}
