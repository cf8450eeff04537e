package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubAnnotationsTest {

  @Test
  void oneErrorPerHighOrCriticalFindingOnly() {
    List<String> lines = GithubAnnotations.lines(ReportFixtures.findings());
    assertEquals(1, lines.size(), lines.toString());
    assertEquals("::error title=procsweep%3A high zombie (pid 4242)::exited but not reaped by"
        + " its parent: pid 4242 defunct-worker: [defunct-worker]", lines.get(0));
  }

  @Test
  void atMostTenTheLastCountingTheRest() {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      many.add(MarkdownReportWriterTest.finding(100 + i, "n", List.of("c"),
          i % 2 == 0 ? Severity.CRITICAL : Severity.HIGH));
    }
    many.add(MarkdownReportWriterTest.finding(999, "n", List.of("c"), Severity.MEDIUM));
    List<String> lines = GithubAnnotations.lines(many);
    assertEquals(GithubAnnotations.MAX, lines.size());
    for (int i = 0; i < 9; i++) {
      assertTrue(lines.get(i).contains("(pid " + (100 + i) + ")"), lines.get(i));
    }
    assertEquals("::error title=procsweep%3A 6 more::6 more high or critical findings are not"
        + " annotated; the report lists them all.", lines.get(9));

    List<Finding> ten = many.subList(0, 10);
    List<String> exact = GithubAnnotations.lines(ten);
    assertEquals(10, exact.size());
    assertTrue(exact.get(9).contains("(pid 109)"), "ten fit without a summary");
  }

  @Test
  void messagesAndPropertiesAreEscapedAsTheRunnerUnescapes() {
    assertEquals("100%25 done%0D%0Anext", GithubAnnotations.data("100% done\r\nnext"));
    assertEquals("a%3Ab%2Cc%25%0A", GithubAnnotations.property("a:b,c%\n"));
  }

  @Test
  void aHostileCommandLineCannotStartACommandOfItsOwn() {
    Finding f = MarkdownReportWriterTest.finding(7, "x,y:z", List.of("sh", "-c",
        "echo 50%\n::error::forged\r::add-mask::x"), Severity.HIGH);
    String line = GithubAnnotations.lines(List.of(f)).get(0);
    assertFalse(line.contains("\n") || line.contains("\r"), line);
    // The properties end at the first "::" after the command name: the title holds none.
    int end = line.indexOf("::", 2);
    assertEquals("::error title=procsweep%3A high rule-high (pid 7)", line.substring(0, end));
    assertEquals("m: pid 7 x,y:z: sh -c echo 50%25\\n::error::forged\\r::add-mask::x",
        line.substring(end + 2));
  }

  @Test
  void writesOneLinePerAnnotation() throws IOException {
    StringWriter err = new StringWriter();
    GithubAnnotations.write(ReportFixtures.findings(), err);
    assertEquals(1, err.toString().lines().count());
    assertTrue(err.toString().endsWith("\n"));
  }

  @Test
  void onlyOnGithubActions() {
    assertTrue(GithubAnnotations.enabled(Map.of("GITHUB_ACTIONS", "true")::get));
    assertFalse(GithubAnnotations.enabled(Map.of("GITHUB_ACTIONS", "false")::get));
    assertFalse(GithubAnnotations.enabled(Map.<String, String>of()::get));
  }
}
