package io.procsweep.rules;

import static io.procsweep.rules.RuleTexts.errors;
import static io.procsweep.rules.RuleTexts.headlines;
import static io.procsweep.rules.RuleTexts.ruleWhen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error kind, asserted as the exact text a user sees, with its position and code. */
class RuleLoaderErrorsTest {

  private static void assertOne(String expectedHeadline, String code, String name, String text) {
    List<Diagnostic> ds = errors(name, text);
    assertEquals(1, ds.size(), () -> "diagnostics: " + ds);
    assertEquals(expectedHeadline, ds.get(0).headline());
    assertEquals(code, ds.get(0).code());
  }

  @Test
  void unknownFactIsPrintedWithRuleSourceLineAndCaret() {
    List<Diagnostic> ds = errors("rules/dev.yaml", ruleWhen("{ stat: zombie }"));
    assertEquals(1, ds.size());
    Diagnostic d = ds.get(0);
    assertEquals("unknown-fact", d.code());
    assertEquals("t", d.ruleId());
    assertEquals("    when: { stat: zombie }", d.sourceLine());
    assertEquals(String.join("\n",
            "rules/dev.yaml:5:13: error: unknown fact 'stat' (did you mean 'state'?)",
            "  in rule 't'",
            "        when: { stat: zombie }",
            "                ^"),
        DiagnosticPrinter.format(d));
  }

  @Test
  void unknownFactWithNothingNearHasNoSuggestion() {
    assertOne("f.yaml:5:13: error: unknown fact 'frobnicate'", "unknown-fact",
        "f.yaml", ruleWhen("{ frobnicate: 1 }"));
  }

  @Test
  void misspelledCombinatorIsSuggested() {
    assertOne("f.yaml:5:13: error: unknown fact 'al' (did you mean 'all'?)", "unknown-fact",
        "f.yaml", ruleWhen("{ al: [ { pid: 1 } ] }"));
  }

  @Test
  void misspelledUnlessIsAnErrorNotIgnored() {
    String yaml = "version: 1\nrules:\n  - id: z\n    category: zombie\n"
        + "    when: { state: zombie }\n    unles:\n      - { age_seconds: { lt: 5 } }\n";
    List<Diagnostic> ds = errors("z.yaml", yaml);
    assertEquals(1, ds.size());
    assertEquals("z.yaml:6:5: error: unknown key 'unles' in a rule (did you mean 'unless'?)",
        ds.get(0).headline());
    assertEquals("unknown-key", ds.get(0).code());
    assertEquals("z", ds.get(0).ruleId());
  }

  @Test
  void unknownKeysAtEveryLevel() {
    String yaml = String.join("\n",
        "version: 1",
        "rule: []",
        "protect: { name: [sshd] }",
        "rules:",
        "  - id: a",
        "    category: hung",
        "    when: { pid: 1 }",
        "    cleanup: { safe: none, forcd: none }",
        "");
    assertEquals(List.of(
            "k.yaml:2:1: error: unknown key 'rule' at the top level (did you mean 'rules'?)",
            "k.yaml:3:12: error: unknown key 'name' in 'protect' (did you mean 'names'?)",
            "k.yaml:8:28: error: unknown key 'forcd' in 'cleanup' (did you mean 'forced'?)"),
        headlines("k.yaml", yaml));
  }

  @Test
  void unknownOperator() {
    assertOne("o.yaml:5:21: error: unknown operator 'regx' (did you mean 'regex'?)", "unknown-op",
        "o.yaml", ruleWhen("{ name: { regx: py } }"));
  }

  @Test
  void operatorThatDoesNotFitTheFactType() {
    assertOne("w.yaml:5:28: error: operator 'regex' needs a string fact, but 'age_seconds' is an"
            + " integer", "wrong-type", "w.yaml", ruleWhen("{ age_seconds: { regex: x } }"));
    assertOne("w.yaml:5:21: error: operator 'gt' needs a numeric fact, but 'name' is a string",
        "wrong-type", "w.yaml", ruleWhen("{ name: { gt: 3 } }"));
    assertOne("w.yaml:5:20: error: operator 'contains' needs a string or list fact, but 'pid' is"
        + " an integer", "wrong-type", "w.yaml", ruleWhen("{ pid: { contains: 3 } }"));
  }

  @Test
  void valueOfTheWrongType() {
    assertOne("w.yaml:5:32: error: expected a number for fact 'age_seconds' (integer), got string"
        + " 'soon'", "wrong-type", "w.yaml", ruleWhen("{ age_seconds: { gt: soon } }"));
    assertOne("w.yaml:5:32: error: expected a number for fact 'cpu_percent' (number), got string"
        + " '5'", "wrong-type", "w.yaml", ruleWhen("{ cpu_percent: { gt: '5' } }"));
    assertOne("w.yaml:5:25: error: expected true or false for fact 'reparented' (boolean), got"
        + " boolean yes", "wrong-type", "w.yaml", ruleWhen("{ reparented: yes }"));
    assertOne("w.yaml:5:18: error: expected a string for fact 'exe' (string), got null; use"
            + " 'exists: false' to test for an unknown value", "wrong-type", "w.yaml",
        ruleWhen("{ exe: null }"));
    assertOne("w.yaml:5:28: error: operator 'exists' takes true or false, got string 'yes'",
        "wrong-type", "w.yaml", ruleWhen("{ exe: { exists: 'yes' } }"));
  }

  @Test
  void wrongShapes() {
    assertOne("s.yaml:5:25: error: operator 'eq' takes one value, got a list; use 'in' to test"
        + " several values", "wrong-type", "s.yaml", ruleWhen("{ name: { eq: [a, b] } }"));
    assertOne("s.yaml:5:25: error: operator 'in' takes a list or a $list reference, got string"
        + " 'a'", "wrong-type", "s.yaml", ruleWhen("{ name: { in: a } }"));
    assertOne("s.yaml:5:19: error: fact 'name' takes one value or a mapping of operators, got a"
            + " list; use {in: [...]} to match any of several values", "wrong-type", "s.yaml",
        ruleWhen("{ name: [a, b] }"));
    assertOne("s.yaml:5:11: error: a condition must be a mapping, got string 'zombie'",
        "wrong-type", "s.yaml", ruleWhen("zombie"));
    assertOne("s.yaml:5:11: error: a condition must be a mapping, got a list; put a list under"
        + " 'all:' or 'any:'", "wrong-type", "s.yaml", ruleWhen("[ { pid: 1 } ]"));
    assertOne("s.yaml:5:18: error: 'any' needs at least one condition", "bad-value",
        "s.yaml", ruleWhen("{ any: [] }"));
  }

  @Test
  void badRegexAndBadGlob() {
    assertOne("r.yaml:5:31: error: invalid regex 'serve(': missing closing )", "bad-regex",
        "r.yaml", ruleWhen("{ cmdline: { regex: 'serve(' } }"));
    assertOne("r.yaml:5:31: error: invalid regex 'serve)': unmatched )", "bad-regex",
        "r.yaml", ruleWhen("{ cmdline: { regex: 'serve)' } }"));
    assertOne("r.yaml:5:31: error: invalid regex 'a**': invalid nested repetition operator at"
        + " '**'", "bad-regex", "r.yaml", ruleWhen("{ cmdline: { regex: 'a**' } }"));
    assertOne("g.yaml:5:27: error: invalid glob '[ab': the '[' at character 1 is never closed",
        "bad-glob", "g.yaml", ruleWhen("{ name: { glob: '[ab' } }"));
    assertOne("p.yaml:2:28: error: invalid regex '(x': missing closing )", "bad-regex",
        "p.yaml", "version: 1\nprotect: { cmdline_regex: ['(x'] }\n");
    assertOne("p.yaml:2:12: error: invalid glob 'a[': the '[' at character 2 is never closed",
        "bad-glob", "p.yaml", "version: 1\npidfiles: ['a[']\n");
  }

  @Test
  void badStateValueSuggestsTheNearestState() {
    assertOne("s.yaml:5:20: error: invalid value 'zomby' for fact 'state' (did you mean"
        + " 'zombie'?)", "bad-value", "s.yaml", ruleWhen("{ state: zomby }"));
    assertOne("s.yaml:5:27: error: invalid value 'asleep' for fact 'state': use one of running,"
            + " sleeping, disk-sleep, stopped, zombie, idle, other", "bad-value", "s.yaml",
        ruleWhen("{ state: { in: [asleep] } }"));
  }

  @Test
  void duplicateIdInOneFile() {
    String yaml = String.join("\n",
        "version: 1",
        "rules:",
        "  - id: zombie",
        "    category: zombie",
        "    when: { state: zombie }",
        "  - id: zombie",
        "    category: zombie",
        "    when: { state: zombie }",
        "");
    List<Diagnostic> ds = errors("d.yaml", yaml);
    assertEquals(1, ds.size());
    assertEquals("d.yaml:6:9: error: duplicate rule id 'zombie' (first defined at line 3)",
        ds.get(0).headline());
    assertEquals("duplicate-id", ds.get(0).code());
  }

  @Test
  void unknownListSuggestsAVisibleList() {
    String yaml = "version: 1\nlists:\n  dev_servers: [node]\nrules:\n  - id: t\n"
        + "    category: test\n    when: { name: { in: $dev_server } }\n";
    assertOne("l.yaml:7:25: error: unknown list 'dev_server' (did you mean 'dev_servers'?)",
        "unknown-list", "l.yaml", yaml);
  }

  @Test
  void listRefAsEqualityValueAndInsideInLists() {
    assertOne("l.yaml:5:19: error: unknown list 'nope'", "unknown-list", "l.yaml",
        ruleWhen("{ name: $nope }"));
    assertOne("l.yaml:5:29: error: unknown list 'nope'", "unknown-list", "l.yaml",
        ruleWhen("{ name: { in: [a, $nope] } }"));
  }

  @Test
  void missingFields() {
    String yaml = "version: 1\nrules:\n  - description: nothing else\n";
    assertEquals(List.of(
            "m.yaml:3:5: error: missing required field 'id'",
            "m.yaml:3:5: error: missing required field 'category'",
            "m.yaml:3:5: error: missing required field 'when'"),
        headlines("m.yaml", yaml));
    assertOne("m.yaml:1:1: error: missing required field 'version' (this procsweep reads version"
        + " 1)", "missing-field", "m.yaml", "rules: []\n");
    assertOne("m.yaml:1:1: error: missing required field 'version' (this procsweep reads version"
        + " 1)", "missing-field", "m.yaml", "");
  }

  @Test
  void badVersion() {
    assertOne("v.yaml:1:10: error: unsupported rule file version integer 2; this procsweep reads"
        + " version 1", "bad-version", "v.yaml", "version: 2\n");
    assertOne("v.yaml:1:10: error: unsupported rule file version string '1'; this procsweep"
        + " reads version 1", "bad-version", "v.yaml", "version: '1'\n");
  }

  @Test
  void badEnumValuesAndIds() {
    String yaml = String.join("\n",
        "version: 1",
        "rules:",
        "  - id: Bad Id",
        "    category: Stale_Listener",
        "    severity: hgh",
        "    when: { pid: 1 }",
        "    cleanup: { safe: terminat, forced: explode }",
        "");
    List<Diagnostic> ds = errors("e.yaml", yaml);
    assertEquals(List.of(
            "e.yaml:3:9: error: invalid rule id 'Bad Id': use lowercase letters, digits, '-', '_'"
                + " and '.', starting with a letter or digit",
            "e.yaml:4:15: error: invalid category 'Stale_Listener': use zombie, orphan,"
                + " stale-listener, hung, stale-pidfile or another lowercase, hyphenated name"
                + " (did you mean 'stale-listener'?)",
            "e.yaml:5:15: error: invalid severity 'hgh' (did you mean 'high'?)",
            "e.yaml:7:22: error: invalid cleanup action 'terminat' (did you mean 'terminate'?)",
            "e.yaml:7:40: error: invalid cleanup action 'explode': use one of none, signal-parent,"
                + " terminate, terminate-parent, kill-tree"),
        ds.stream().map(Diagnostic::headline).toList());
    for (Diagnostic d : ds) {
      assertEquals("bad-value", d.code());
      assertEquals("Bad Id", d.ruleId());
    }
  }

  @Test
  void yamlSyntaxErrorIsOneDiagnosticAtTheParserPosition() {
    List<Diagnostic> ds = errors("y.yaml", "version: 1\nrules: [ { id: x\n");
    assertEquals(1, ds.size());
    assertEquals("y.yaml:3:1: error: invalid YAML: expected ',' or '}', but got <stream end>"
            + " (while parsing a flow mapping at line 2, column 10)", ds.get(0).headline());
    assertEquals("yaml-syntax", ds.get(0).code());
    assertOne("y.yaml:2:9: error: invalid YAML: mapping values are not allowed here",
        "yaml-syntax", "y.yaml", "version: 1\nrules: a: b\n");
  }

  @Test
  void garbageNeverEscapesAsAnotherException() {
    for (String text : new String[] {"\t", "{{{", "]", "version: 1\n\tx: 1\n", "? [a]\n: b\n",
        "%YAML 9.9\n---\na: 1\n", "\u0000", "version: !!binary x\n"}) {
      List<Diagnostic> ds = errors("g.yaml", text);
      assertEquals(false, ds.isEmpty(), text);
    }
  }

  @Test
  void duplicateMappingKeysAreErrors() {
    String yaml = ruleWhen("{ pid: 1 }").replace("    when:", "    category: again\n    when:");
    assertOne("k.yaml:5:5: error: duplicate key 'category' (first at line 4, column 5)",
        "yaml-syntax", "k.yaml", yaml);
  }

  @Test
  void aliasesAreRefused() {
    String yaml = "version: 1\nlists:\n  a: &x [1]\n  b: *x\n";
    assertOne("a.yaml:4:6: error: YAML aliases (*x) are not supported in rule files; use a list"
        + " from 'lists:' instead", "yaml-syntax", "a.yaml", yaml);
  }

  @Test
  void secondDocumentIsAnError() {
    assertOne("d.yaml:3:1: error: a rule file holds one YAML document, but a second one starts"
        + " here", "yaml-syntax", "d.yaml", "version: 1\n---\nversion: 1\n");
  }

  @Test
  void errorsOfEveryFileAreCollectedAndSortedByFileLineColumn() {
    String second = String.join("\n",
        "version: 1",
        "rules:",
        "  - id: b",
        "    category: test",
        "    when: { nam: x, pid: { gt: x } }",
        "");
    List<String> got = headlines(
        "a.yaml", ruleWhen("{ stat: zombie, pidd: 1 }").replace("version: 1", "version: 3"),
        "b.yaml", second);
    assertEquals(List.of(
            "a.yaml:1:10: error: unsupported rule file version integer 3; this procsweep reads"
                + " version 1",
            "a.yaml:5:13: error: unknown fact 'stat' (did you mean 'state'?)",
            "a.yaml:5:27: error: unknown fact 'pidd' (did you mean 'pid'?)",
            "b.yaml:5:13: error: unknown fact 'nam' (did you mean 'name'?)",
            "b.yaml:5:32: error: expected a number for fact 'pid' (integer), got string 'x'"),
        got);
  }

  @Test
  void errorsAfterAnUnreadableFileAreNotEchoed() {
    // The first file cannot be parsed, so its rule and list are unknown; the second file's
    // override and list reference would only repeat that as noise.
    String second = "version: 1\noverride:\n  - { id: zombie, severity: low }\n"
        + "rules:\n  - { id: t, category: test, when: { name: $dev } }\n";
    List<Diagnostic> ds = errors("a.yaml", "version: 1\nrules: [\n", "b.yaml", second);
    assertEquals(1, ds.size(), ds::toString);
    assertEquals("a.yaml", ds.get(0).file());
    assertEquals("yaml-syntax", ds.get(0).code());
  }

  @Test
  void topLevelDiagnosticsHaveNoRuleId() {
    List<Diagnostic> ds = errors("t.yaml", "version: 1\nsubreapers: tini\n");
    assertEquals("t.yaml:2:13: error: 'subreapers' must be a list of strings, got string 'tini'",
        ds.get(0).headline());
    assertNull(ds.get(0).ruleId());
    assertEquals("subreapers: tini", ds.get(0).sourceLine());
    assertEquals("t.yaml:2:13: error: 'subreapers' must be a list of strings, got string 'tini'"
        + "\n    subreapers: tini\n                ^", DiagnosticPrinter.format(ds.get(0)));
  }
}
