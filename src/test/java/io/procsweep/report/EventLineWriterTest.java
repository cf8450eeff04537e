package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procsweep.platform.fs.FsException;
import io.procsweep.scan.Finding;
import io.procsweep.testing.Schemas;
import io.procsweep.watch.FindingEvent;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class EventLineWriterTest {
  @TempDir Path dir;

  private static final Instant AT = Instant.parse("2026-12-02T15:04:05.123456Z");

  /** Records what was there at each flush. */
  private static final class Flushes extends StringWriter {
    final List<String> seen = new ArrayList<>();

    @Override
    public void flush() {
      seen.add(toString());
    }
  }

  @Test
  void eachEventIsOneFlushedJsonLineWhoseFindingIsTheReportsFinding() throws Exception {
    List<Finding> findings = ReportFixtures.findings();
    Flushes out = new Flushes();
    EventLineWriter w = new EventLineWriter(out);
    for (Finding f : findings) {
      w.accept(new FindingEvent(FindingEvent.Kind.NEW, AT, f));
    }
    w.accept(new FindingEvent(FindingEvent.Kind.RESOLVED, AT, findings.get(2)));

    String text = out.toString();
    List<String> lines = text.lines().toList();
    assertEquals(findings.size() + 1, lines.size());
    assertTrue(text.endsWith("\n"));
    assertEquals(lines.size(), out.seen.size(), "flushed once per line");
    for (int i = 0; i < out.seen.size(); i++) {
      assertTrue(out.seen.get(i).endsWith("\n"), "a flush ends a whole line");
    }

    StringWriter report = new StringWriter();
    new JsonReportWriter().write(ReportFixtures.report(), report);
    JsonNode reported = Schemas.parse(report.toString()).get("findings");
    for (int i = 0; i < lines.size(); i++) {
      JsonNode e = Schemas.parse(lines.get(i));
      List<String> fields = new ArrayList<>();
      e.fieldNames().forEachRemaining(fields::add);
      assertEquals(List.of("event", "at", "finding"), fields);
      assertEquals(i < findings.size() ? "new" : "resolved", e.get("event").asText());
      assertEquals("2026-12-02T15:04:05.123Z", e.get("at").asText());
      // A finding built without a first-seen time stands in the time of the scan that wrote it:
      // the report's start there, the event's scan here; everything else is the same object.
      ObjectNode expected = reported.get(i < findings.size() ? i : 2).deepCopy();
      ObjectNode actual = e.get("finding").deepCopy();
      assertEquals("2026-12-02T15:04:05.123Z", actual.remove("firstSeen").asText());
      assertNotNull(expected.remove("firstSeen"));
      assertEquals(expected, actual, "the finding is shaped as in the JSON report");
    }
    // A hostile process name stays escaped on the line (no raw control characters).
    assertTrue(text.chars().noneMatch(c -> (c < 0x20 && c != '\n') || c == 0x7f), text);
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void appendFileAppendsCreatesMode0644AndKeepsWhatWasThere() throws Exception {
    Path f = dir.resolve("sub/events.jsonl");
    try (Writer w = AppendFile.open(f)) {
      w.write("one\n");
      w.flush();
      assertEquals("one\n", Files.readString(f), "on disk at flush, not at close");
      w.write("two\n");
    }
    try (Writer w = AppendFile.open(f)) {
      w.write("three\n");
    }
    assertEquals("one\ntwo\nthree\n", Files.readString(f, StandardCharsets.UTF_8));
    int umask = umask();
    String expected = PosixFilePermissions.toString(
        PosixFilePermissions.fromString("rw-r--r--").stream()
            .filter(p -> (umask & (1 << (8 - p.ordinal()))) == 0)
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
        "0644 under umask " + Integer.toOctalString(umask));
  }

  /** The JVM's umask, from /proc on Linux; 022 elsewhere (macOS's default). */
  private static int umask() throws java.io.IOException {
    Path status = Path.of("/proc/self/status");
    if (Files.isReadable(status)) {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring(6).trim(), 8);
        }
      }
    }
    return 022;
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void appendFileRefusesASymlinkAndLeavesItsTargetAlone() throws Exception {
    Path target = dir.resolve("precious");
    Files.writeString(target, "keep\n");
    Path link = Files.createSymbolicLink(dir.resolve("events.jsonl"), target);
    FsException e = assertThrows(FsException.class, () -> AppendFile.open(link));
    assertEquals(FsException.Reason.SYMLINK, e.reason());
    assertEquals("keep\n", Files.readString(target));
  }
}
