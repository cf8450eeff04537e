package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.platform.Os;
import io.procsweep.testing.Cli;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI formats on a real scan: a process this test starts, matched by a high rule that names
 * its pid, beside a rule that matches nothing. Scoped with --pid to that process.
 */
class ReportFormatsCliTest {
  @TempDir Path dir;

  private Process sleeper;
  private Path rules;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(Os.current() == Os.LINUX || Os.current() == Os.MACOS, "POSIX");
    sleeper = new ProcessBuilder("sleep", "300").start();
    rules = dir.resolve("ci.yaml");
    Files.writeString(rules, "version: 1\nrules:\n"
        + "  - id: test-leftover\n    category: leftover\n    severity: high\n"
        + "    description: left behind by the job\n    when: { pid: " + sleeper.pid() + " }\n"
        + "  - id: test-never\n    category: leftover\n    severity: critical\n"
        + "    when: { pid: 1 }\n");
  }

  @AfterEach
  void stop() throws Exception {
    if (sleeper != null) {
      sleeper.destroy();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Cli.Result scan(Map<String, String> env, String format) throws Exception {
    return Cli.run(dir, env, "scan", "--format", format, "--sample", "0", "--no-default-rules",
        "--rules", rules.toString(), "--pid", Long.toString(sleeper.pid()));
  }

  @Test
  void junitOnStdoutValidatesAndGithubAnnotationsGoToStderr() throws Exception {
    Cli.Result r = scan(Map.of("GITHUB_ACTIONS", "true"), "junit");
    assertEquals(0, r.code(), r.err());
    URL xsd = getClass().getResource("/junit/jenkins-junit.xsd");
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator()
        .validate(new StreamSource(new StringReader(r.out())));
    assertTrue(r.out().contains("<testcase name=\"test-never\" classname=\"procsweep.leftover\""
        + " time=\"0\"/>"), r.out());
    assertTrue(r.out().contains("<failure type=\"high\" message=\"pid " + sleeper.pid()
        + " sleep: left behind by the job\">"), r.out());
    assertFalse(r.out().contains("::error"), "stdout is the report alone");
    List<String> annotations = r.err().lines().filter(l -> l.startsWith("::error")).toList();
    assertEquals(List.of("::error title=procsweep%3A high test-leftover (pid " + sleeper.pid()
        + ")::left behind by the job: pid " + sleeper.pid() + " sleep: sleep 300"), annotations);
  }

  @Test
  void noAnnotationsOffGithubActions() throws Exception {
    Cli.Result r = scan(Map.of(), "json");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("::error"), r.err());
  }

  @Test
  void markdownIsOneTableWithTheProcess() throws Exception {
    Cli.Result r = scan(Map.of(), "markdown");
    assertEquals(0, r.code(), r.err());
    List<String> rows = r.out().lines().filter(l -> l.startsWith("|")).toList();
    assertEquals(3, rows.size(), r.out());
    assertEquals("| high | test-leftover | " + sleeper.pid() + " | sleep | sleep 300 |",
        rows.get(2));
  }

  @Test
  void aPlanRefusesJunitInOneSentenceBeforeScanning() {
    MainTest.Run r = MainTest.run("plan", "--mode", "safe", "--format", "junit", "--sample", "0",
        "--no-default-rules", "--pid", "1");
    assertEquals(2, r.code(), r.err());
    assertEquals("procsweep: a plan cannot be written as junit; use table or json\n", r.err());
  }
}
