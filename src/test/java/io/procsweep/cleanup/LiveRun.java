package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One temp directory in which the trust tests run procsweep against their own fixtures: rule
 * files, saved plans (read and edited as a hostile user would), the audit log, and what is
 * left alive afterwards. Nothing here signals anything except {@link #killByMarker}, which
 * only touches processes whose command line carries a test's own unique marker.
 */
final class LiveRun {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  final Path dir;

  LiveRun(Path dir) {
    this.dir = dir;
  }

  Path audit() {
    return dir.resolve("audit.jsonl");
  }

  Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** Makes the fixtures' reaper a known subreaper, so what it adopted counts as reparented. */
  Path subreaperRules() throws IOException {
    return file("subreaper.yaml", "version: 1\nsubreapers: [psweep-reaper]\n");
  }

  /** {@code procsweep clean} as its own process, JSON outcome, audit log in this directory. */
  Cli.Result clean(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("clean", "--sample", "0", "--format", "json",
        "--audit", audit().toString()));
    all.addAll(List.of(args));
    return Cli.run(dir, all.toArray(String[]::new));
  }

  /** {@code procsweep plan} saved to {@code plan}; fails the test unless it succeeds. */
  ObjectNode plan(Path plan, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("plan", "--sample", "0", "--format", "json",
        "--output", plan.toString()));
    all.addAll(List.of(args));
    Cli.Result r = Cli.run(dir, all.toArray(String[]::new));
    assertEquals(0, r.code(), r.err() + r.out());
    return readPlan(plan);
  }

  /** The outcome document, checked against the shipped schema. */
  static JsonNode outcome(Cli.Result r) throws Exception {
    JsonNode doc = JSON.readTree(r.out());
    assertEquals("procsweep/outcome/v1", doc.path("schema").asText(), r.err() + r.out());
    assertEquals(Set.of(), Schemas.validate(Schemas.OUTCOME, doc), r.out());
    return doc;
  }

  static JsonNode target(JsonNode outcome, int pid) {
    for (JsonNode t : outcome.get("targets")) {
      if (t.at("/target/pid").asInt() == pid) {
        return t;
      }
    }
    throw new AssertionError("no target " + pid + " in " + outcome);
  }

  /** Every signal the outcome records as sent to {@code pid}, by label, in order. */
  static List<String> sentIn(JsonNode outcome, int pid) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : outcome.get("targets")) {
      for (JsonNode s : t.get("signals")) {
        if (s.get("pid").asInt() == pid && s.get("result").asText().equals("sent")) {
          out.add(s.get("signal").asText());
        }
      }
    }
    return out;
  }

  /** Every signal anywhere in the outcome whose result is "sent", by label. */
  static List<String> allSent(JsonNode outcome) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : outcome.get("targets")) {
      for (JsonNode s : t.get("signals")) {
        if (s.get("result").asText().equals("sent")) {
          out.add(s.get("signal").asText());
        }
      }
    }
    return out;
  }

  List<JsonNode> auditEntries() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(audit())) {
      return out;
    }
    for (String line : Files.readAllLines(audit(), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  /** Audit lines recording a signal actually sent to {@code pid} (or the intent to send one). */
  /**
   * The signals the audit log records for {@code pid} with this result ({@code sent}, ...), or
   * announced by an intent line when {@code result} is {@code intent}.
   */
  List<String> auditedSignals(int pid, String result) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode e : auditEntries()) {
      String seen = e.path("phase").asText().equals("intent") ? "intent"
          : e.path("result").asText();
      if (e.at("/target/pid").asInt() == pid && seen.equals(result)) {
        out.add(e.path("signal").asText());
      }
    }
    return out;
  }

  String auditText() throws IOException {
    return Files.exists(audit()) ? Files.readString(audit()) : "";
  }

  // ---- saved plans, edited the way a hostile user with write access to the file would ----

  static ObjectNode readPlan(Path plan) throws IOException {
    return (ObjectNode) JSON.readTree(plan.toFile());
  }

  static Path writePlan(Path plan, JsonNode doc) throws IOException {
    return Files.writeString(plan, JSON.writeValueAsString(doc), StandardCharsets.UTF_8);
  }

  /** The plan's action whose target is {@code pid}. */
  static ObjectNode actionFor(JsonNode plan, int pid) {
    for (JsonNode a : plan.get("actions")) {
      if (a.at("/target/pid").asInt(-1) == pid) {
        return (ObjectNode) a;
      }
    }
    throw new AssertionError("the plan has no action for pid " + pid + ": " + plan);
  }

  /**
   * Rewrites an action (typically a {@code none} the planner chose on purpose) into one that
   * signals its own target with these signals, well-formed in every field the reader checks.
   */
  static void makeSignalling(ObjectNode action, String kind, long waitMs, String... signals) {
    action.put("action", kind);
    ArrayNode steps = action.putArray("steps");
    for (String s : signals) {
      steps.addObject().put("signal", s).put("waitMs", waitMs);
    }
    action.putArray("processes").add(action.get("target").deepCopy());
    action.putArray("excluded");
    action.putNull("reason");
    action.putNull("detail");
    action.putNull("note");
  }

  // ---- the processes themselves ----

  /** Running or sleeping (or stopped): present, and neither a zombie nor dead. */
  static boolean alive(int pid) {
    Optional<Character> s = state(pid);
    return s.isPresent() && s.get() != 'Z' && s.get() != 'X';
  }

  /** The state letter from {@code /proc/PID/stat}; empty when the process is gone. */
  static Optional<Character> state(int pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
      return Optional.of(s.charAt(s.lastIndexOf(')') + 2));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static void awaitGone(int pid) throws InterruptedException {
    for (int i = 0; i < 100 && alive(pid); i++) {
      Thread.sleep(50);
    }
    assertFalse(alive(pid), "pid " + pid + " still alive");
  }

  /** Live (not zombie) processes whose command line carries {@code marker}, but not this JVM. */
  static List<Integer> pidsWithMarker(String marker) throws IOException {
    List<Integer> out = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : proc) {
        int pid = Integer.parseInt(p.getFileName().toString());
        if (pid == self || !alive(pid)) {
          continue;
        }
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")),
              StandardCharsets.ISO_8859_1);
          if (cmdline.contains(marker)) {
            out.add(pid);
          }
        } catch (IOException e) {
          // gone meanwhile
        }
      }
    }
    return out;
  }

  /**
   * SIGKILL to every live process whose command line still carries the test's unique marker
   * when it is killed (checked again right before): the test's own leftovers, nothing else.
   */
  static void killByMarker(String marker) throws IOException {
    for (int pid : pidsWithMarker(marker)) {
      if (pidsWithMarker(marker).contains(pid)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /**
   * The command line that runs procsweep as its own JVM, the way {@link Cli} does, for tests
   * that must start it themselves (in a pid namespace, under a shell, to interrupt it).
   */
  static List<String> procsweepCommand(String... args) {
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath();
    List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Djna.nounpack=true",
        "-Djna.boot.library.path=" + base.resolve("target/native"),
        "-cp", cp, "io.procsweep.cli.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Single-quoted for sh. */
  static String shQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String shLine(List<String> words) {
    List<String> q = new ArrayList<>();
    for (String w : words) {
      q.add(shQuote(w));
    }
    return String.join(" ", q);
  }
}
