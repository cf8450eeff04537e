package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code procsweep scan} end to end, run as its own process (so the fixtures are not its
 * descendants, which it would leave out as its own), its JSON validated against the shipped
 * schema. Fixtures run under their own subreaper, which reaps whatever the test kills.
 */
@EnabledOnOs(OS.LINUX)
class ScanCliTest {
  @TempDir Path dir;

  /** Makes the fixtures' own subreaper known, so what it adopted counts as reparented. */
  private Path subreaperRules() throws Exception {
    Path p = dir.resolve("subreaper.yaml");
    Files.writeString(p, "version: 1\nsubreapers: [psweep-reaper]\n");
    return p;
  }

  @Test
  void jsonReportOfARealOrphanIsValidAndTheGateFails() throws Exception {
    try (Fixture f = Fixture.start("orphan", true)) {
      int orphan = f.pid("orphan");
      Cli.Result r = Cli.run(dir, "scan", "--format", "json", "--sample", "0",
          "--match", f.marker(), "--fail-on", "low", "--rules", subreaperRules().toString());
      assertEquals(1, r.code(), r.err());
      JsonNode doc = Schemas.parse(r.out());
      assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, doc));
      assertEquals("procsweep/report/v2", doc.get("schema").asText());
      assertEquals(true, doc.at("/summary/gate/failed").asBoolean());
      List<String> rules = new ArrayList<>();
      for (JsonNode finding : doc.get("findings")) {
        if (finding.at("/process/pid").asInt() == orphan) {
          rules.add(finding.get("rule").asText());
          assertEquals("orphan", finding.get("category").asText());
          assertEquals(true, finding.at("/evidence/reparented").asBoolean());
        }
      }
      assertTrue(!rules.isEmpty(), r.out());

      Cli.Result lenient = Cli.run(dir, "scan", "--format", "json", "--sample", "0",
          "--match", f.marker(), "--fail-on", "critical", "--rules", subreaperRules().toString());
      assertEquals(0, lenient.code(), lenient.err());

      Path out = dir.resolve("sub/report.json");
      Cli.Result toFile = Cli.run(dir, "scan", "--sample", "0", "--match", f.marker(),
          "--output", out.toString(), "--rules", subreaperRules().toString());
      assertEquals(0, toFile.code(), toFile.err());
      assertEquals("", toFile.out());
      assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, Files.readString(out)));
      try (Stream<Path> left = Files.list(out.getParent())) {
        assertEquals(List.of(out), left.toList(), "no temporary file left behind");
      }
    }
  }

  @Test
  void hostileCommandLineIsEscapedInTheTableAndValidUtf8InJson() throws Exception {
    try (Fixture f = Fixture.start("evil-cmdline", true)) {
      int evil = f.pid("evil");
      waitForExec(evil);
      // A rule of its own so the fixture is a finding whatever the shipped rules think of it.
      Path rule = Files.createTempFile("evil", ".yaml");
      try {
        Files.writeString(rule, "version: 1\nrules:\n  - id: test-evil\n    category: custom\n"
            + "    when: { pid: " + evil + " }\n");
        Cli.Result table = Cli.run(dir, "scan", "--format", "table", "--sample", "0",
            "--width", "400", "--pid", String.valueOf(evil), "--rules", rule.toString());
        assertEquals(0, table.code(), table.err());
        String row = table.out().lines().filter(l -> l.contains("test-evil")).findFirst()
            .orElseThrow(() -> new AssertionError(table.out()));
        assertTrue(table.out().chars().noneMatch(c -> (c < 0x20 && c != '\n') || c == 0x7f),
            "raw control characters reached the terminal");
        // The table shows the command line (the hostile name is no column of it).
        assertTrue(row.contains("\\e]0;pwned\\x07 line\\nbreak bad\\xffbyte"), row);

        Cli.Result json = Cli.run(dir, "scan", "--format", "json", "--sample", "0",
            "--pid", String.valueOf(evil), "--rules", rule.toString());
        byte[] bytes = json.out().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.charset.StandardCharsets.UTF_8.newDecoder()
            .decode(java.nio.ByteBuffer.wrap(bytes)); // throws on invalid UTF-8
        JsonNode doc = Schemas.parse(json.out());
        assertEquals(Set.of(), Schemas.validate(Schemas.REPORT, doc));
        JsonNode cmd = doc.at("/findings/0/process/cmdline");
        assertEquals("\u001b]0;pwned\u0007", cmd.get(4).asText());
        assertEquals("line\nbreak", cmd.get(5).asText());
        assertEquals("bad\\xffbyte", cmd.get(6).asText(), "a non-UTF-8 byte is shown as \\xff");
      } finally {
        Files.deleteIfExists(rule);
      }
    }
  }

  /** The fixture re-executes itself; wait until its command line shows the new arguments. */
  private static void waitForExec(int pid) throws Exception {
    Path cmdline = Path.of("/proc/" + pid + "/cmdline");
    for (int i = 0; i < 100; i++) {
      if (new String(Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.ISO_8859_1)
          .contains("sleeper") && new String(Files.readAllBytes(Path.of("/proc/" + pid + "/comm")),
          java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("ev")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fixture " + pid + " did not re-execute");
  }
}
