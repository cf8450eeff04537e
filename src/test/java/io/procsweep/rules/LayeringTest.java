package io.procsweep.rules;

import static io.procsweep.rules.RuleTexts.errors;
import static io.procsweep.rules.RuleTexts.facts;
import static io.procsweep.rules.RuleTexts.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Several files in order: add, override, disable, duplicates, merged sections, sources. */
class LayeringTest {
  private static final String BASE = String.join("\n",
      "version: 1",
      "lists:",
      "  devs: [uvicorn, node]",
      "subreapers: [tini]",
      "pidfiles: [a/*.pid]",
      "protect: { names: [sshd], cmdline_regex: ['^/usr/sbin/'] }",
      "rules:",
      "  - id: zombie",
      "    category: zombie",
      "    severity: high",
      "    description: not reaped",
      "    when: { state: zombie }",
      "    unless: [ { age_seconds: { lt: 5 } } ]",
      "    cleanup: { safe: signal-parent, forced: terminate-parent }",
      "  - id: dev-orphan",
      "    category: orphan",
      "    when: { reparented: true, name: $devs }",
      "");

  @Test
  void laterFilesAddRulesInOrder() throws Exception {
    RuleSet set = load("base.yaml", BASE, "extra.yaml",
        "version: 1\nrules:\n  - { id: hung, category: hung, when: { cpu_percent: { gt: 90 } } }\n");
    assertEquals(List.of("zombie", "dev-orphan", "hung"),
        set.rules().stream().map(Rule::id).toList());
    assertEquals("extra.yaml", set.rules().get(2).source());
    assertEquals("base.yaml", set.rules().get(0).source());
  }

  @Test
  void overrideReplacesOnlyTheNamedFieldsAndKeepsPlaceAndSource() throws Exception {
    RuleSet set = load("base.yaml", BASE, "site.yaml", String.join("\n",
        "version: 1",
        "override:",
        "  - id: zombie",
        "    severity: low",
        "    unless: [ { parent_name: bash } ]",
        ""));
    Rule z = set.rules().get(0);
    assertEquals("zombie", z.id());
    assertEquals(Severity.LOW, z.severity());
    assertEquals("not reaped", z.description());
    assertEquals(CleanupAction.TERMINATE_PARENT, z.cleanup().forced());
    assertEquals("base.yaml", z.source());
    // The replaced unless: young zombies now match, a bash parent's do not.
    assertTrue(z.matches(facts("state", "zombie", "age_seconds", 1L, "parent_name", "make")));
    assertFalse(z.matches(facts("state", "zombie", "age_seconds", 60L, "parent_name", "bash")));
  }

  @Test
  void overrideOfWhenAndCleanup() throws Exception {
    RuleSet set = load("base.yaml", BASE, "site.yaml",
        "version: 1\noverride:\n  - { id: dev-orphan, when: { name: vite }, cleanup: { safe: terminate } }\n");
    Rule r = set.rules().get(1);
    assertTrue(r.matches(facts("name", "vite")));
    assertFalse(r.matches(facts("name", "node", "reparented", true)));
    assertEquals(new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.NONE), r.cleanup());
  }

  @Test
  void disableRemovesARule() throws Exception {
    RuleSet set = load("base.yaml", BASE, "site.yaml", "version: 1\ndisable: [zombie]\n");
    assertEquals(List.of("dev-orphan"), set.rules().stream().map(Rule::id).toList());
  }

  @Test
  void aFileMayOverrideAndDisableItsOwnRules() throws Exception {
    RuleSet set = load("one.yaml", BASE + "override:\n  - { id: zombie, severity: critical }\n"
        + "disable: [dev-orphan]\n");
    assertEquals(1, set.rules().size());
    assertEquals(Severity.CRITICAL, set.rules().get(0).severity());
  }

  @Test
  void aDisabledIdMayBeDefinedAgainByALaterFile() throws Exception {
    String again = "version: 1\nrules:\n"
        + "  - { id: zombie, category: zombie, severity: info, when: { state: zombie } }\n";
    RuleSet set = load("base.yaml", BASE, "off.yaml", "version: 1\ndisable: [zombie]\n",
        "again.yaml", again);
    assertEquals(List.of("dev-orphan", "zombie"), set.rules().stream().map(Rule::id).toList());
    assertEquals(Severity.INFO, set.rules().get(1).severity());
    assertEquals("again.yaml", set.rules().get(1).source());
    // In one file, rules are added before its disables run: redefining there is a duplicate.
    List<Diagnostic> ds = errors("base.yaml", BASE, "both.yaml",
        "version: 1\ndisable: [zombie]\n" + again.substring("version: 1\n".length()));
    assertEquals(List.of("duplicate-id"), ds.stream().map(Diagnostic::code).toList());
  }

  @Test
  void duplicateIdAcrossFilesNeedsOverride() {
    List<Diagnostic> ds = errors("base.yaml", BASE, "site.yaml",
        "version: 1\nrules:\n  - { id: zombie, category: zombie, when: { state: zombie } }\n");
    assertEquals(1, ds.size());
    assertEquals("site.yaml:3:11: error: rule 'zombie' is already defined at base.yaml:8:9; use"
        + " 'override' to change it", ds.get(0).headline());
    assertEquals("duplicate-id", ds.get(0).code());
    assertEquals("zombie", ds.get(0).ruleId());
  }

  @Test
  void unknownOverrideAndDisableIdsAreErrorsWithSuggestions() {
    List<Diagnostic> ds = errors("base.yaml", BASE, "site.yaml",
        "version: 1\noverride:\n  - { id: zomby, severity: low }\ndisable: [dev-orphn, nothing-like-it]\n");
    assertEquals(List.of(
            "site.yaml:3:11: error: override of unknown rule 'zomby' (did you mean 'zombie'?)",
            "site.yaml:4:11: error: cannot disable unknown rule 'dev-orphn' (did you mean"
                + " 'dev-orphan'?)",
            "site.yaml:4:22: error: cannot disable unknown rule 'nothing-like-it'"),
        ds.stream().map(Diagnostic::headline).toList());
    assertEquals(List.of("unknown-rule", "unknown-rule", "unknown-rule"),
        ds.stream().map(Diagnostic::code).toList());
  }

  @Test
  void overrideMustNameAnId() {
    List<Diagnostic> ds = errors("base.yaml", BASE, "s.yaml",
        "version: 1\noverride:\n  - { severity: low }\n");
    assertEquals(List.of("s.yaml:3:5: error: missing required field 'id'"),
        ds.stream().map(Diagnostic::headline).toList());
  }

  @Test
  void listsBindLateSoALaterFileCanRedefineThem() throws Exception {
    RuleSet set = load("base.yaml", BASE, "site.yaml", "version: 1\nlists:\n  devs: [vite]\n");
    Rule r = set.rules().get(1);
    assertTrue(r.matches(facts("reparented", true, "name", "vite")));
    assertFalse(r.matches(facts("reparented", true, "name", "node")));
  }

  @Test
  void aListFromALaterFileIsNotVisible() {
    List<Diagnostic> ds = errors(
        "a.yaml", RuleTexts.ruleWhen("{ name: { in: $later } }"),
        "b.yaml", "version: 1\nlists:\n  later: [x]\n");
    assertEquals(List.of("a.yaml:5:25: error: unknown list 'later'"),
        ds.stream().map(Diagnostic::headline).toList());
  }

  @Test
  void aRedefinedListIsTypeCheckedWhereItIsUsed() {
    String base = "version: 1\nlists:\n  ports: [3000]\nrules:\n"
        + "  - { id: p, category: t, when: { listening_ports: { in: $ports } } }\n";
    List<Diagnostic> ds = errors("base.yaml", base, "site.yaml",
        "version: 1\nlists:\n  ports: [http]\n");
    assertEquals(List.of("base.yaml:5:58: error: expected a number for fact 'listening_ports'"
        + " (list of integers), got string 'http' from list 'ports'"),
        ds.stream().map(Diagnostic::headline).toList());
  }

  @Test
  void settingsMergeAsUnionsInOrder() throws Exception {
    RuleSet set = load("base.yaml", BASE, "site.yaml", String.join("\n",
        "version: 1",
        "subreapers: [dumb-init, tini]",
        "pidfiles: [b/*.pid]",
        "protect:",
        "  names: [init]",
        "  users: [postgres]",
        "  cmdline_regex: ['^/usr/sbin/', 'keep-me']",
        "  pidfiles: [/run/w.pid]",
        ""));
    assertEquals(List.of("tini", "dumb-init"), set.subreapers());
    assertEquals(List.of("a/*.pid", "b/*.pid"),
        set.pidfiles().stream().map(PidfileGlob::pattern).toList());
    assertEquals(RuleTexts.TEXT_DIR, set.pidfiles().get(0).base());
    assertEquals(List.of("sshd", "init"), set.protect().names());
    assertEquals(List.of("postgres"), set.protect().users());
    assertEquals(List.of("^/usr/sbin/", "keep-me"),
        set.protect().cmdlineRegex().stream().map(p -> p.pattern()).toList());
    assertEquals(List.of("/run/w.pid"),
        set.protect().pidfiles().stream().map(PidfileGlob::pattern).toList());
  }

  @Test
  void defaultsForOptionalFields() throws Exception {
    Rule r = load("d.yaml", RuleTexts.ruleWhen("{ pid: 1 }")).rules().get(0);
    assertEquals(Severity.MEDIUM, r.severity());
    assertEquals("t", r.description());
    assertEquals(CleanupSpec.NONE, r.cleanup());
    assertEquals(List.of(), r.unless());
  }

  @Test
  void sourcesCarryNameAndSha256OfTheUtf8Text() throws Exception {
    String text = "version: 1\n# é\n";
    RuleSet set = load("builtin:rules/default.yaml", text, "empty-rules.yaml", "version: 1\n");
    assertEquals(List.of("builtin:rules/default.yaml", "empty-rules.yaml"),
        set.sources().stream().map(RuleSource::source).toList());
    assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest
            .getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        set.sources().get(0).sha256());
    // Known vectors: SHA-256("") and SHA-256("abc").
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        RuleLoader.sha256(""));
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        RuleLoader.sha256("abc"));
    assertEquals(64, set.sources().get(1).sha256().length());
  }

  @Test
  void noInputsIsAnEmptyRuleSet() throws Exception {
    assertEquals(RuleSet.empty(), load());
  }
}
