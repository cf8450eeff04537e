package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procsweep.procfs.ProcEnviron;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.Schemas;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code procsweep watch} and {@code --quiet} as their own processes, against a real orphan
 * (issue 9, acceptance 2). Each watch this test starts is ended by it, by its own Process
 * handle, in a finally block.
 */
@EnabledOnOs(OS.LINUX)
class WatchCliTest {
  /** Generous: a liveness bound for a loaded machine, not a timing assertion. */
  private static final long WAIT_MS = 60_000;

  @TempDir Path dir;

  /** Makes the fixtures' own subreaper known, so what it adopted counts as reparented. */
  private Path subreaperRules() throws IOException {
    Path p = dir.resolve("subreaper.yaml");
    Files.writeString(p, "version: 1\nsubreapers: [psweep-reaper]\n");
    return p;
  }

  /** Fixtures inherit no CI marker from wherever the tests run. */
  private static void noMarkers(Map<String, String> env) {
    ProcEnviron.CI_MARKERS.forEach(env::remove);
  }

  /** A watch started in the background, its stdout and stderr in files. */
  private record Watch(Process process, Path out, Path err) {
    String stderr() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** SIGTERM, then how long it took to exit (ms); kills it if it does not within 10 s. */
    long terminate() throws InterruptedException {
      long t0 = System.nanoTime();
      process.destroy(); // SIGTERM
      boolean ended = process.waitFor(10, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (!ended) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("watch did not end within 10 s of SIGTERM");
      }
      return ms;
    }
  }

  private Watch start(String... args) throws IOException {
    Path out = dir.resolve("watch.out");
    Path err = dir.resolve("watch.err");
    ProcessBuilder pb = new ProcessBuilder(Cli.command(args)).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("GITHUB_ACTIONS");
    return new Watch(pb.start(), out, err);
  }

  private static List<JsonNode> events(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n'); // a line being written is not read yet
    for (String line : text.substring(0, end + 1).split("\n")) {
      if (!line.isEmpty()) {
        out.add(Schemas.parse(line));
      }
    }
    return out;
  }

  /** Polls {@code file} until an event matches; fails with what was there otherwise. */
  private static JsonNode await(Path file, Watch w, Predicate<JsonNode> wanted, String what)
      throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      for (JsonNode e : events(file)) {
        if (wanted.test(e)) {
          return e;
        }
      }
      if (!w.process().isAlive()) {
        throw new AssertionError("watch exited (" + w.process().exitValue() + ") before " + what
            + ": " + w.stderr());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + what + " in " + events(file) + "; stderr: " + w.stderr());
  }

  private static Predicate<JsonNode> event(String kind, int pid) {
    return e -> e.get("event").asText().equals(kind)
        && e.at("/finding/process/pid").asInt() == pid;
  }

  @Test
  void newForARealOrphanThenResolvedOnceItIsKilledThenSigtermEndsItWithExit0()
      throws Exception {
    Path events = dir.resolve("events.jsonl");
    Watch w = null;
    try (Fixture f = Fixture.start("orphan", true, null, WatchCliTest::noMarkers)) {
      int orphan = f.pid("orphan");
      w = start("watch", "--interval", "1s", "--events", events.toString(), "--sample", "0",
          "--match", f.marker(), "--rules", subreaperRules().toString());
      JsonNode added = await(events, w, event("new", orphan), "'new' event for the orphan");
      assertEquals("orphan", added.at("/finding/category").asText());

      f.close(); // the orphan and its subreaper, by pid and start time
      assertTrue(ProcessHandle.of(orphan).map(h -> !h.isAlive()).orElse(true));
      await(events, w, event("resolved", orphan), "'resolved' event for the orphan");

      long ms = w.terminate();
      System.out.println("watch --interval 1s: SIGTERM to exit took " + ms + " ms");
      assertEquals(0, w.process().exitValue(), w.stderr());

      List<JsonNode> all = events(events);
      String text = Files.readString(events, StandardCharsets.UTF_8);
      assertEquals(text.lines().count(), all.size(), "every line is one JSON event: " + text);
      assertTrue(text.endsWith("\n"), "the file ends with a whole line");
      List<String> mine = new ArrayList<>();
      for (JsonNode e : all) {
        if (e.at("/finding/process/pid").asInt() == orphan) {
          mine.add(e.get("event").asText() + " " + e.at("/finding/rule").asText());
        }
      }
      String rule = added.at("/finding/rule").asText();
      assertEquals(List.of("new " + rule, "resolved " + rule), mine, text);
      for (JsonNode e : all) {
        assertTrue(e.get("at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
            e.toString());
      }
    } finally {
      if (w != null && w.process().isAlive()) {
        w.process().destroyForcibly();
        w.process().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void sigtermEndsAnHourLongPauseAtOnce() throws Exception {
    Watch w = start("watch", "--interval", "1h", "--sample", "0", "--match",
        "psweep-no-such-" + System.nanoTime());
    try {
      long deadline = System.currentTimeMillis() + WAIT_MS;
      while (!w.stderr().contains("procsweep: scan 1:") && System.currentTimeMillis() < deadline
          && w.process().isAlive()) {
        Thread.sleep(100);
      }
      assertTrue(w.stderr().contains("procsweep: scan 1:"), w.stderr());
      Thread.sleep(500); // well into the hour's pause
      long ms = w.terminate();
      System.out.println("watch --interval 1h: SIGTERM to exit took " + ms + " ms");
      assertEquals(0, w.process().exitValue(), w.stderr());
      assertTrue(w.stderr().contains("watch ended after 1 scan"), w.stderr());
      assertEquals("", Files.readString(w.out()), "no finding, no event");
    } finally {
      if (w.process().isAlive()) {
        w.process().destroyForcibly();
        w.process().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void countThreeWithNoIntervalEndsByItselfAfterThreeScans() throws Exception {
    Cli.Result r = Cli.run(dir, "watch", "--count", "3", "--interval", "0", "--sample", "0",
        "--match", "psweep-no-such-" + System.nanoTime());
    assertEquals(0, r.code(), r.err());
    assertEquals(3, r.err().lines().filter(l -> l.matches("procsweep: scan \\d+: .*")).count(),
        r.err());
    assertTrue(r.err().contains("watch ended after 3 scans"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void quietWatchPrintsNothingButEvents() throws Exception {
    Cli.Result r = Cli.run(dir, "watch", "--quiet", "--count", "2", "--interval", "0",
        "--sample", "0", "--match", "psweep-no-such-" + System.nanoTime());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals("", r.err());
  }

  @Test
  void aSymlinkAsTheEventsFileIsRefused() throws Exception {
    Path target = Files.writeString(dir.resolve("precious"), "keep\n");
    Path link = Files.createSymbolicLink(dir.resolve("events.jsonl"), target);
    Cli.Result r = Cli.run(dir, "watch", "--count", "1", "--sample", "0", "--events",
        link.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("procsweep: --events " + link + ": symlink, not followed\n", r.err());
    assertEquals("keep\n", Files.readString(target));
  }

  @Test
  void quietScanPrintsNothingWithoutFindingsAndTheReportWithOne() throws Exception {
    Cli.Result none = Cli.run(dir, "scan", "--quiet", "--sample", "0", "--port", "1",
        "--match", "psweep-no-such-" + System.nanoTime());
    assertEquals(0, none.code(), none.err());
    assertEquals("", none.out(), "cron mails nothing");
    assertEquals("", none.err(), "not even the note that nobody listens on port 1");

    try (Fixture f = Fixture.start("orphan", true, null, WatchCliTest::noMarkers)) {
      int orphan = f.pid("orphan");
      Cli.Result one = Cli.run(dir, "scan", "--quiet", "--sample", "0", "--format", "json",
          "--match", f.marker(), "--rules", subreaperRules().toString());
      assertEquals(0, one.code(), one.err());
      JsonNode doc = Schemas.parse(one.out());
      assertEquals(orphan, doc.at("/findings/0/process/pid").asInt(), one.out());
      assertEquals("", one.err());

      Path saved = dir.resolve("report.json");
      Cli.Result toFile = Cli.run(dir, "scan", "--quiet", "--sample", "0", "--match",
          "psweep-no-such-" + System.nanoTime(), "--output", saved.toString());
      assertEquals(0, toFile.code(), toFile.err());
      assertEquals("", toFile.out() + toFile.err());
      assertTrue(Files.exists(saved), "--output is still written when there is nothing to say");
    }
  }
}
