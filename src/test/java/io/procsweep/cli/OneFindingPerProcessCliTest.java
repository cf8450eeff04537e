package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.rules.Severity;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Schemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, acceptance 2: an orphaned server holding a dev port is one table row and one JSON
 * finding listing its rules. The server is real: a test server leaked by a run in a session of
 * its own (the session's leader has exited), adopted by the fixture's subreaper, listening on a
 * port that the test's rule file makes a watched dev port. procsweep runs as its own process,
 * scoped to the fixture's marker; the fixture is killed in close, whatever happens.
 */
@EnabledOnOs(OS.LINUX)
class OneFindingPerProcessCliTest {
  /** PID PPID USER AGE PORTS SEV FINDING COMMAND. */
  private static final Pattern ROW = Pattern.compile(
      "^ *(\\d+) +\\d+ +\\S+ +\\S+ +(\\S+) +(info|low|medium|high|critical) +(\\S+(?: \\+\\d+)?) .*");

  @TempDir Path dir;

  @Test
  void anOrphanedServerHoldingADevPortIsOneRowAndOneFindingListingItsRules() throws Exception {
    try (Fixture f = Fixture.start("lost-session-listener", true)) {
      int server = f.pid("server");
      int port = Integer.parseInt(f.value("port"));
      long session = sessionOf(server);
      assertTrue(session != server && !Files.exists(Path.of("/proc/" + session)),
          "the session's leader " + session + " has exited");
      Path rules = dir.resolve("dev-port.yaml");
      // The fixture's subreaper adopts like init does; its random port counts as a dev port.
      Files.writeString(rules, "version: 1\nsubreapers: [psweep-reaper]\n"
          + "lists:\n  watched_ports: [" + port + "]\n");

      Cli.Result json = Cli.run(dir, "scan", "--format", "json", "--sample", "0",
          "--match", f.marker(), "--rules", rules.toString());
      assertEquals(0, json.code(), json.err());
      JsonNode doc = Schemas.parse(json.out());
      assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, doc));
      assertEquals("procsweep/report/v2", doc.get("schema").asText());

      List<JsonNode> mine = new ArrayList<>();
      for (JsonNode finding : doc.get("findings")) {
        if (finding.at("/process/pid").asInt() == server) {
          mine.add(finding);
        }
      }
      assertEquals(1, mine.size(), "one finding for the server: " + json.out());
      JsonNode finding = mine.get(0);
      List<String> ids = new ArrayList<>();
      Severity highest = Severity.INFO;
      for (JsonNode rule : finding.get("rules")) {
        ids.add(rule.get("id").asText());
        Severity s = Severity.fromLabel(rule.get("severity").asText());
        highest = s.compareTo(highest) > 0 ? s : highest;
        assertFalse(rule.get("message").asText().isBlank(), rule.toString());
      }
      assertTrue(ids.containsAll(List.of("stale-listener-orphan", "dev-port-held-by-orphan",
          "orphan-lost-session")), "rules: " + ids);
      assertEquals(ids.size(), Set.copyOf(ids).size(), "each rule once: " + ids);
      // Led by the highest severity; the top-level fields are the leading rule's.
      assertEquals(ids.get(0), finding.get("rule").asText());
      assertEquals(highest.label(), finding.get("severity").asText());
      assertEquals(finding.at("/rules/0/message"), finding.get("message"));
      assertEquals(Severity.HIGH, highest);
      // What the operator asks first.
      assertEquals("[" + port + "]", finding.at("/context/listeningPorts").toString());
      assertEquals(session, finding.at("/context/session/id").asLong());
      assertFalse(finding.at("/context/session/leaderAlive").asBoolean());
      assertTrue(finding.at("/context/session/leaderAlive").isBoolean());
      assertEquals(doc.at("/findings").size(), doc.at("/summary/findings").asInt());
      for (String id : ids) {
        assertTrue(doc.at("/summary/byRule/" + id).asInt() >= 1, id);
      }

      Cli.Result table = Cli.run(dir, "scan", "--format", "table", "--width", "120",
          "--sample", "0", "--match", f.marker(), "--rules", rules.toString());
      assertEquals(0, table.code(), table.err());
      List<String> rows = new ArrayList<>();
      List<String> lines = table.out().lines().toList();
      int at = -1;
      for (int i = 0; i < lines.size(); i++) {
        var m = ROW.matcher(lines.get(i));
        if (m.matches() && Integer.parseInt(m.group(1)) == server) {
          rows.add(lines.get(i));
          at = i;
        }
      }
      assertEquals(1, rows.size(), "one row for the server:\n" + table.out());
      var row = ROW.matcher(rows.get(0));
      assertTrue(row.matches());
      assertEquals(String.valueOf(port), row.group(2), "PORTS column: " + rows.get(0));
      assertEquals(highest.label(), row.group(3), rows.get(0));
      assertEquals(ids.get(0) + " +" + (ids.size() - 1), row.group(4), rows.get(0));
      // The note under the row names the other rules and the session whose leader is gone.
      String note = String.join(" ", lines.subList(at + 1, lines.size()));
      for (String other : ids.subList(1, ids.size())) {
        assertTrue(note.contains(other + " ("), other + " in " + table.out());
      }
      assertTrue(note.contains("session " + session + ", leader gone"), table.out());
    }
  }

  private static long sessionOf(int pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(after[3]); // state ppid pgrp session
  }
}
