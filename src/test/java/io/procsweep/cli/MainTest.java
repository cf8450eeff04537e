package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.FactDef;
import io.procsweep.facts.FactRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process: exit codes and the exact messages users see. */
class MainTest {

  /** Output of one run. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertNoStackTrace(Run r) {
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
  }

  @Test
  void ruleFileWithFiveMistakesGivesOneMessageEachAndExitTwo() {
    Run r = run("rules", "validate", "--no-default-rules",
        "src/test/resources/rules-fixtures/five-errors.yaml");
    assertEquals(2, r.code());
    assertNoStackTrace(r);
    String f = "src/test/resources/rules-fixtures/five-errors.yaml";
    List<String> headlines = r.err().lines().filter(l -> l.startsWith(f)).toList();
    assertEquals(List.of(
        f + ":12:13: error: unknown fact 'stat' (did you mean 'state'?)",
        f + ":13:31: error: invalid regex 'serve(': missing closing )",
        f + ":14:32: error: expected a number for fact 'age_seconds' (integer), got string 'soon'",
        f + ":15:25: error: unknown list 'dev_server' (did you mean 'dev_servers'?)",
        f + ":16:9: error: duplicate rule id 'orphaned-dev-server' (first defined at line 6)"),
        headlines);
    assertTrue(r.err().contains("  in rule 'orphaned-dev-server'"), r.err());
    assertTrue(r.err().strip().endsWith("5 errors in rule files"), r.err());
  }

  @Test
  void validRuleFileLayeredOnTheShippedRules(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, String.join("\n",
        "version: 1",
        "override:",
        "  - { id: orphan, severity: medium }",
        "disable: [busy-for-long]",
        "rules:",
        "  - id: leaked-test-server",
        "    category: stale-listener",
        "    severity: high",
        "    when: { listening_ports: { in: [9999] } }",
        ""));
    Run r = run("rules", "validate", file.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("ok: "), r.out());

    Run list = run("rules", "list", "--rules", file.toString());
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains("leaked-test-server"));
    assertFalse(list.out().contains("busy-for-long"));
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("orphan ") && l.contains("medium")),
        list.out());
  }

  @Test
  void missingRuleFileIsOneSentence() {
    Run r = run("rules", "validate", "no/such/file.yaml");
    assertEquals(2, r.code());
    assertEquals("procsweep: rule file 'no/such/file.yaml' does not exist", r.err().strip());
  }

  @Test
  void factsCommandListsEveryRegisteredFact() {
    Run r = run("rules", "facts");
    assertEquals(0, r.code());
    for (FactDef d : FactRegistry.standard().all()) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(d.name() + " ")), d.name());
    }
    Run json = run("rules", "facts", "--format", "json");
    assertTrue(json.out().contains("\"name\" : \"listener_inherited\""), json.out());
  }

  @Test
  void everyHelpFormatsCleanly() {
    // picocli's tracer warns on the JVM's own stderr when a description holds an unescaped '%'.
    java.io.PrintStream jvmErr = System.err;
    java.io.ByteArrayOutputStream tracer = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(tracer, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (String cmd : java.util.List.of("scan", "plan", "clean", "snapshot", "rules", "run",
          "hook", "watch", "schedule", "help")) {
        Run r = run(cmd, "--help");
        assertEquals(0, r.code(), cmd);
        assertTrue(r.err().isEmpty(), cmd + ": " + r.err());
      }
    } finally {
      System.setErr(jvmErr);
    }
    assertEquals("", tracer.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void helpListsScansExitCodesAndNoOthers() {
    Run r = run("scan", "--help");
    assertEquals(0, r.code());
    for (ExitCode c : ExitCode.values()) {
      boolean scans = c != ExitCode.CLEANUP_INCOMPLETE && c != ExitCode.INTERRUPTED;
      assertEquals(scans, r.out().contains(c.meaning()), c.name());
    }
    assertTrue(r.out().contains("--fail-on"));
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    Run sample = run("scan", "--sample", "soon");
    assertEquals(2, sample.code());
    assertNoStackTrace(sample);
    assertTrue(sample.err().contains("'soon' is not a duration"), sample.err());

    Run severity = run("scan", "--fail-on", "urgent");
    assertEquals(2, severity.code());
    assertTrue(severity.err().contains("'urgent' is not a severity"), severity.err());

    Run regex = run("scan", "--sample", "0", "--match", "serve(");
    assertEquals(2, regex.code());
    assertTrue(regex.err().startsWith("procsweep: --match 'serve(' is not a valid regular"),
        regex.err());
  }

  @Test
  void unknownRuleIdSuggestsTheNearest() {
    Run r = run("scan", "--sample", "0", "--rule", "zombi");
    assertEquals(2, r.code());
    assertEquals("procsweep: --rule 'zombi' names no loaded rule (did you mean 'zombie'?)",
        r.err().strip());
  }

  @Test
  void aCommandIsRequired() {
    Run r = run();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("a command is needed"), r.err());
  }

  @Test
  void misspelledCommandSuggestsTheNearest() {
    Run r = run("scna");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("scan"), r.err());
    assertTrue(r.err().contains("Did you mean"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void durationsParse() {
    assertEquals(0, DurationConverter.parse("0").toMillis());
    assertEquals(500, DurationConverter.parse("500ms").toMillis());
    assertEquals(1500, DurationConverter.parse("1.5s").toMillis());
    assertEquals(120_000, DurationConverter.parse("2m").toMillis());
    assertEquals(3_600_000, DurationConverter.parse("1h").toMillis());
  }
}
