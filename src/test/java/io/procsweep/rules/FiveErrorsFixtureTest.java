package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One file with five different mistakes yields exactly five diagnostics, one for each. */
class FiveErrorsFixtureTest {

  static String fixture(String name) throws IOException {
    try (InputStream in = FiveErrorsFixtureTest.class.getResourceAsStream(
        "/rules-fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void fiveMistakesFiveDiagnostics() throws IOException {
    List<Diagnostic> ds = RuleTexts.errors("rules/five-errors.yaml", fixture("five-errors.yaml"));
    assertEquals(List.of("unknown-fact", "bad-regex", "wrong-type", "unknown-list",
        "duplicate-id"), ds.stream().map(Diagnostic::code).toList());
    assertEquals(List.of(
            "rules/five-errors.yaml:12:13: error: unknown fact 'stat' (did you mean 'state'?)",
            "rules/five-errors.yaml:13:31: error: invalid regex 'serve(': missing closing )",
            "rules/five-errors.yaml:14:32: error: expected a number for fact 'age_seconds'"
                + " (integer), got string 'soon'",
            "rules/five-errors.yaml:15:25: error: unknown list 'dev_server' (did you mean"
                + " 'dev_servers'?)",
            "rules/five-errors.yaml:16:9: error: duplicate rule id 'orphaned-dev-server' (first"
                + " defined at line 6)"),
        ds.stream().map(Diagnostic::headline).toList());
    for (Diagnostic d : ds) {
      assertEquals("orphaned-dev-server", d.ruleId());
    }
    assertEquals(String.join("\n",
            "rules/five-errors.yaml:15:25: error: unknown list 'dev_server' (did you mean"
                + " 'dev_servers'?)",
            "  in rule 'orphaned-dev-server'",
            "            - { name: { in: $dev_server } }",
            "                            ^"),
        DiagnosticPrinter.format(ds.get(3)));
  }

  @Test
  void theShippedShapeLoads() throws Exception {
    RuleSet set = RuleTexts.load("valid.yaml", fixture("valid.yaml"));
    assertEquals(List.of("zombie", "orphaned-dev-server", "stale-dev-listener"),
        set.rules().stream().map(Rule::id).toList());
    Rule zombie = set.rules().get(0);
    assertEquals(Severity.HIGH, zombie.severity());
    assertEquals("exited but not reaped by its parent", zombie.description());
    assertEquals(new CleanupSpec(CleanupAction.SIGNAL_PARENT, CleanupAction.TERMINATE_PARENT),
        zombie.cleanup());
    assertEquals("valid.yaml", zombie.source());
    assertEquals(List.of("systemd", "tini", "dumb-init"), set.subreapers());
    assertEquals(List.of(".run/*.pid"), set.pidfiles().stream().map(PidfileGlob::pattern).toList());
    assertEquals(List.of("systemd", "sshd", "init"), set.protect().names());
    assertEquals("^/usr/sbin/", set.protect().cmdlineRegex().get(0).pattern());
    assertEquals(List.of("/var/run/worker-*.pid"),
        set.protect().pidfiles().stream().map(PidfileGlob::pattern).toList());

    Rule listener = set.rules().get(2);
    assertEquals(Severity.MEDIUM, listener.severity());
    assertEquals(CleanupSpec.NONE, listener.cleanup());
    assertEquals(true, listener.matches(RuleTexts.facts(
        "listening_ports", List.of(22L, 5173L), "reparented", true)));
    assertEquals(false, listener.matches(RuleTexts.facts(
        "listening_ports", List.of(22L), "reparented", true)));
  }
}
