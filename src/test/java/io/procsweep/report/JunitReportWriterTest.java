package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

class JunitReportWriterTest {

  /** Jenkins' junit-4 schema; see src/test/resources/junit/README.md for where it is from. */
  static Schema schema() throws SAXException {
    URL xsd = JunitReportWriterTest.class.getResource("/junit/jenkins-junit.xsd");
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar:file");
    return f.newSchema(xsd);
  }

  static void validate(String xml) throws SAXException, IOException {
    Validator v = schema().newValidator();
    v.validate(new StreamSource(new StringReader(xml)));
  }

  static String write(Report report) throws IOException {
    StringWriter out = new StringWriter();
    new JunitReportWriter().write(report, out);
    return out.toString();
  }

  static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(xml)));
  }

  @Test
  void theReportValidatesAgainstTheJenkinsJunitSchema() throws Exception {
    validate(write(ReportFixtures.report()));
    validate(write(ReportFixtures.emptyReport()));
    // No rules at all (--no-default-rules and nothing else): an empty testsuites.
    ScanResult none = new ScanResult(ReportFixtures.result(List.of()).startedAt(), 1, 0,
        ReportFixtures.snapshot(), List.of(), List.of());
    validate(write(new Report(null, none, null, false)));
  }

  @Test
  void theValidatorRejectsWhatTheSchemaForbids() {
    // The control: a test case without its required name is refused, so a pass means something.
    String bad = "<testsuites><testsuite name=\"x\" tests=\"1\"><testcase classname=\"c\"/>"
        + "</testsuite></testsuites>";
    assertThrows(SAXException.class, () -> validate(bad));
  }

  @Test
  void aTestsuitePerCategoryAndATestcasePerEvaluatedRule() throws Exception {
    Document d = parse(write(ReportFixtures.report()));
    Element root = d.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("7", root.getAttribute("tests"));
    assertEquals("5", root.getAttribute("failures"), "every rule with a finding fails");
    List<String> suites = new ArrayList<>();
    NodeList ss = root.getElementsByTagName("testsuite");
    for (int i = 0; i < ss.getLength(); i++) {
      suites.add(((Element) ss.item(i)).getAttribute("name"));
    }
    assertEquals(List.of("custom", "hung", "orphan", "stale-listener", "zombie"), suites);
    Element zombie = suite(d, "zombie");
    assertEquals("2", zombie.getAttribute("tests"));
    assertEquals("1", zombie.getAttribute("failures"));
    assertEquals("build-07", zombie.getAttribute("hostname"));
    assertEquals("2025-03-01T11:59:59", zombie.getAttribute("timestamp"));
  }

  @Test
  void aRuleWithNoFindingIsAPassingTestcase() throws Exception {
    Document d = parse(write(ReportFixtures.report()));
    for (String rule : List.of("zombie-hoarder", "stale-listener")) {
      Element c = testcase(d, rule);
      assertEquals(0, c.getChildNodes().getLength(), rule + " has no failure: it passes");
    }
    assertEquals("procsweep.stale-listener", testcase(d, "stale-listener").getAttribute(
        "classname"));
    assertEquals("0", suite(d, "stale-listener").getAttribute("failures"));
  }

  @Test
  void aFailurePerFindingWithTheExplanation() throws Exception {
    Document d = parse(write(ReportFixtures.report()));
    List<Element> failures = failures(testcase(d, "zombie"));
    assertEquals(1, failures.size());
    Element f = failures.get(0);
    assertEquals("high", f.getAttribute("type"));
    assertEquals("pid 4242 defunct-worker: exited but not reaped by its parent",
        f.getAttribute("message"));
    String text = f.getTextContent();
    assertTrue(text.contains("zombie (high): exited but not reaped by its parent"), text);
    assertTrue(text.contains("process: pid 4242, ppid 4100, name defunct-worker, user alice,"
        + " state zombie"), text);
    assertTrue(text.contains("cgroup: /user.slice/user-1000.slice/session-4.scope"), text);
    assertTrue(text.contains("evidence: state=zombie, age_seconds=172805, parent_alive=true,"
        + " state_seconds=unknown"), text);
    assertTrue(text.contains("cleanup: safe signal-parent, forced terminate-parent"), text);
  }

  @Test
  void aProcessThatMatchedTwoRulesFailsBoth() throws Exception {
    Document d = parse(write(ReportFixtures.report()));
    for (String rule : List.of("orphaned-dev-server", "orphan-lost-session")) {
      List<Element> failures = failures(testcase(d, rule));
      assertEquals(1, failures.size(), rule);
      assertTrue(failures.get(0).getAttribute("message").startsWith("pid 31337 uvicorn: "));
    }
    String other = failures(testcase(d, "orphan-lost-session")).get(0).getTextContent();
    assertTrue(other.contains("also matched: orphaned-dev-server (medium)"), other);
    assertTrue(other.contains("ports: 8000, 8001"), other);
  }

  @Test
  void pidsStartTimesAndCgroupsAreSuiteProperties() throws Exception {
    Document d = parse(write(ReportFixtures.report()));
    Map<String, String> zombie = properties(suite(d, "zombie"));
    assertEquals("4242", zombie.get("zombie.pids"));
    assertEquals("2025-02-27T11:59:55Z", zombie.get("pid.4242.startTime"));
    assertEquals("/user.slice/user-1000.slice/session-4.scope", zombie.get("pid.4242.cgroup"));
    assertEquals("0.1.0-test", zombie.get("procsweep.version"));
    assertEquals("high", zombie.get("gate.failOn"));
    assertFalse(zombie.containsKey("zombie-hoarder.pids"), "a passing rule has no pids");

    Map<String, String> custom = properties(suite(d, "custom"));
    assertEquals("666", custom.get("suspicious-name.pids"));
    assertFalse(custom.containsKey("pid.666.cgroup"), "no cgroup read: none claimed");
  }

  @Test
  void hostileNamesAndCommandLinesStayInertText() throws Exception {
    String xml = write(ReportFixtures.report());
    for (char c : xml.toCharArray()) {
      assertTrue(c == '\n' || c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f)
          && c != '\u202e', () -> "raw control U+" + Integer.toHexString(c) + " in " + xml);
    }
    Document d = parse(xml);
    Element f = failures(testcase(d, "suspicious-name")).get(0);
    assertEquals("pid 666 evil\\e]0;pwned\\x07\\n\\xff: name holds control characters",
        f.getAttribute("message"));
    assertTrue(f.getTextContent().contains(
        "command: sh -c printf '\\e[2J'; sleep 9999 \\u{202E}txt.exe\\r\\tdone"),
        f.getTextContent());
  }

  @Test
  void markupInProcessTextIsEscapedNotInterpreted() throws Exception {
    ProcessInfo p = new ProcessInfo(77, 1, "x\"><testcase name=\"y", "/x",
        List.of("sh", "-c", "echo '</failure><![CDATA[' & \uFFFE"), "u", 1000,
        ProcState.SLEEPING, ReportFixtures.NOW_MS - 1000, 0, 0, null, null, 77, 77, null, null,
        false);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("name", p.name());
    Finding f = new Finding("markup", "custom", Severity.CRITICAL, "a <b>bold</b> & \"quoted\"",
        p, 1, evidence, CleanupSpec.NONE);
    String xml = write(new Report("v", ReportFixtures.result(List.of(f)), null, false));
    validate(xml);
    Document d = parse(xml);
    assertEquals(1, d.getElementsByTagName("failure").getLength());
    Element failure = failures(testcase(d, "markup")).get(0);
    assertEquals("pid 77 x\"><testcase name=\"y: a <b>bold</b> & \"quoted\"",
        failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("echo '</failure><![CDATA[' & \\u{FFFE}"),
        failure.getTextContent());
  }

  @Test
  void withoutRecordedRulesTheFindingsRulesAreTheCases() throws Exception {
    ScanResult bare = new ScanResult(ReportFixtures.result(List.of()).startedAt(), 1, 0,
        ReportFixtures.snapshot(), ReportFixtures.findings(), List.of());
    Document d = parse(write(new Report("v", bare, null, false)));
    assertEquals("5", d.getDocumentElement().getAttribute("tests"));
    assertEquals("5", d.getDocumentElement().getAttribute("failures"));
  }

  private static Element suite(Document d, String name) {
    return named(d.getElementsByTagName("testsuite"), name);
  }

  private static Element testcase(Document d, String name) {
    return named(d.getElementsByTagName("testcase"), name);
  }

  private static Element named(NodeList nodes, String name) {
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no element named " + name);
  }

  private static List<Element> failures(Element testcase) {
    List<Element> out = new ArrayList<>();
    NodeList n = testcase.getElementsByTagName("failure");
    for (int i = 0; i < n.getLength(); i++) {
      out.add((Element) n.item(i));
    }
    return out;
  }

  private static Map<String, String> properties(Element suite) {
    Map<String, String> out = new LinkedHashMap<>();
    NodeList n = suite.getElementsByTagName("property");
    for (int i = 0; i < n.getLength(); i++) {
      Element e = (Element) n.item(i);
      out.put(e.getAttribute("name"), e.getAttribute("value"));
    }
    return out;
  }
}
