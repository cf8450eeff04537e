package io.procsweep.cleanup;

import static io.procsweep.cleanup.Fixtures.owner;
import static io.procsweep.cleanup.Fixtures.proc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procsweep.report.PlanJsonWriter;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutants of real saved plans ({@link SamplePlans} as {@link PlanJsonWriter} writes them), as
 * bytes and as JSON trees. Each mutant is a base plan and a short list of edits whose ints pick
 * positions and values modulo what there is to pick, so jqwik can shrink them.
 */
final class PlanMutants {
  private static final int OWN_PID = (int) ProcessHandle.current().pid();
  private static final int OWN_PARENT = ProcessHandle.current().parent()
      .map(h -> (int) h.pid()).orElse(1);

  private static final Map<Mode, String> BASE = new EnumMap<>(Mode.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static {
    for (Mode m : Mode.values()) {
      StringWriter out = new StringWriter();
      try {
        new PlanJsonWriter().write(SamplePlans.of(m), out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      BASE.put(m, out.toString());
    }
  }

  private PlanMutants() {}

  /** The plan as written, unmutated. */
  static String base(Mode m) {
    return BASE.get(m);
  }

  // ---- text mutants: bytes of a written plan ------------------------------------------------

  enum TextKind { TRUNCATE, GARBAGE, TOKEN, DELETE, DUPLICATE, REPLACE, NEST, OVERSIZE }

  /** One edit; its ints pick positions and values (taken modulo what there is to pick). */
  record TextEdit(TextKind kind, int a, int b, int c) {}

  record TextMutant(Mode base, List<TextEdit> edits) {}

  private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\",
      "\u0000", "\uFEFF", "//", "/*", "NaN", "Infinity", "-0", "1e999999", "\"mode\": \"forced\",",
      "\"host\": null,", "\"mode\":\"safe\",\"mode\":\"forced\",", "\"extra\": 1,", "\ud800",
      "\u001b]0;x\u0007", "\t", "\r\n", "null", "true");

  /** Strings and numbers in a plan, and what each may become. */
  private static final List<String> REPLACEMENTS = List.of("\"forced\"", "\"safe\"",
      "\"SIGKILL\"", "\"SIGSTOP\"", "\"SIGCONT\"", "\"SIGHUP\"", "\"windows\"", "\"macos\"",
      "\"sshd\"", "\"systemd\"", "\"\"", "null", "0", "1", "-1", "2147483648",
      "9223372036854775808", "1.5", "1e3", String.valueOf(OWN_PID), String.valueOf(OWN_PARENT),
      "7000", "6990", "5400", "5300", "\"kill-tree\"", "\"terminate\"", "\"none\"",
      "\"remove-pidfile\"", "{}", "[]", "\"a\\nb\"", "\"\\u001b[2J\"");

  static Arbitrary<TextMutant> textMutants() {
    Arbitrary<TextEdit> edit = Combinators.combine(Arbitraries.of(TextKind.class),
        Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().between(0, 255),
        Arbitraries.integers().between(0, 64)).as(TextEdit::new);
    return Combinators.combine(Arbitraries.of(Mode.class), edit.list().ofMinSize(1).ofMaxSize(3))
        .as(TextMutant::new);
  }

  static byte[] apply(TextMutant m) {
    return apply(m, BASE.get(m.base()));
  }

  /** The edits of {@code m} made to another plan text of the same mode. */
  static byte[] apply(TextMutant m, String base) {
    byte[] b = base.getBytes(StandardCharsets.UTF_8);
    for (TextEdit e : m.edits()) {
      b = apply(b, e);
    }
    return b;
  }

  private static byte[] apply(byte[] b, TextEdit e) {
    int at = b.length == 0 ? 0 : e.a() % (b.length + 1);
    switch (e.kind()) {
      case TRUNCATE:
        return Arrays.copyOf(b, at);
      case GARBAGE: {
        byte[] junk = new byte[1 + e.c() % 8];
        for (int i = 0; i < junk.length; i++) {
          junk[i] = (byte) (e.b() * (i + 31) + e.c() * i);
        }
        return splice(b, at, at, junk);
      }
      case TOKEN:
        return splice(b, at, at, utf8(TOKENS.get(e.b() % TOKENS.size())));
      case DELETE:
        return splice(b, at, Math.min(b.length, at + 1 + e.c()), new byte[0]);
      case DUPLICATE: {
        int end = Math.min(b.length, at + 1 + e.c() * 4);
        return splice(b, end, end, Arrays.copyOfRange(b, at, end));
      }
      case REPLACE:
        return replaceValue(b, e.a(), REPLACEMENTS.get(e.b() % REPLACEMENTS.size()));
      case NEST: {
        int depth = List.of(1, 8, 15, 16, 17, 64, 1000, 100_000).get(e.c() % 8);
        return utf8("[".repeat(depth) + new String(b, StandardCharsets.UTF_8)
            + "]".repeat(depth));
      }
      case OVERSIZE: {
        // Past the reader's caps: a 65 KiB string, or a file over 4 MiB.
        int pad = e.c() % 2 == 0 ? 65 * 1024 : PlanJsonReader.MAX_BYTES;
        return replaceValue(b, e.a(), "\"" + "x".repeat(pad) + "\"");
      }
      default:
        throw new AssertionError(e.kind());
    }
  }

  /** A value after a key: a string (escapes and all), a number, true, false or null. */
  private static final java.util.regex.Pattern VALUE_TOKEN = java.util.regex.Pattern.compile(
      ":\\s*(\"(?:[^\"\\\\]++|\\\\.)*+\"|-?[0-9][0-9.eE+-]*|true|false|null)");

  /** Replaces the n-th JSON value token ("...", a number, true/false/null) in the text. */
  private static byte[] replaceValue(byte[] b, int n, String with) {
    String s = new String(b, StandardCharsets.UTF_8);
    java.util.regex.Matcher m = VALUE_TOKEN.matcher(s);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(1), m.end(1)});
    }
    if (spans.isEmpty()) {
      return b;
    }
    int[] span = spans.get(n % spans.size());
    return utf8(s.substring(0, span[0]) + with + s.substring(span[1]));
  }

  private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    byte[] out = new byte[b.length - (to - from) + insert.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(b, to, out, from + insert.length, b.length - to);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- tree mutants: the JSON tree edited, keys duplicated or renamed, values swapped -------

  enum TreeKind {
    DROP, DUPLICATE, RENAME, SET, NEST,
    FLIP_MODE, PLATFORM, HOST, ESCALATE, ALL_PIDS, ALL_NAMES, ALL_OWNERS, ALL_KINDS, RETARGET,
    REPARENT, GRAFT
  }

  /** One edit; {@code a} picks the node, {@code b} and {@code c} what it becomes. */
  record TreeEdit(TreeKind kind, int a, int b, int c) {}

  record TreeMutant(Mode base, List<TreeEdit> edits) {}

  private static final List<String> KEYS = List.of("schema", "mode", "createdAt", "graceMs",
      "host", "platform", "ruleSets", "actions", "action", "target", "pidfile", "finding",
      "steps", "processes", "excluded", "reason", "detail", "note", "description", "pid",
      "startTime", "startTimeMs", "name", "user", "uid", "state", "signal", "waitMs", "rule",
      "Mode", "mode ", "host\u0000", "", "__proto__");

  /** Values a node may become; {@code "raw:..."} is spliced into the text as is. */
  private static final List<String> VALUES = List.of("raw:0", "raw:1", "raw:-1",
      "raw:2147483647", "raw:2147483648", "raw:-2147483649", "raw:9223372036854775807",
      "raw:99999999999999999999999", "raw:1e400", "raw:1.5", "raw:-0", "raw:NaN",
      "raw:" + OWN_PID, "raw:" + OWN_PARENT, "raw:7000", "raw:6990", "raw:5400", "raw:5300",
      "raw:5002", "raw:null", "raw:true", "raw:{}", "raw:[]", "raw:[[[[]]]]",
      "sshd", "systemd", "init", "", "safe", "forced", "SAFE", "windows", "macos", "linux",
      "other", "SIGKILL", "SIGSTOP", "SIGCONT", "SIGTERM", "SIGCHLD", "SIGHUP", "9",
      "zombie", "running", "stopped", "disk-sleep", "kill-tree", "terminate", "none",
      "signal-parent", "terminate-parent", "remove-pidfile", "testhost", "otherhost", "root",
      "postgres", "alice", "2026-11-21T12:00:00.000Z", "yesterday", "\u001b[31m", "a\nb",
      "procsweep/plan/v1", "procsweep/plan/v2", "/tmp/run/app.pid", "/etc/passwd");

  private static final List<String> SIGNALS = List.of("SIGKILL", "SIGSTOP", "SIGCONT",
      "SIGTERM", "SIGCHLD");

  /** Processes a hostile plan would aim at, each exactly as the table has it. */
  private static final List<ProcessInfo> AIMS = List.of(ScriptedHost.INIT, ScriptedHost.SELF,
      ScriptedHost.SHELL, ScriptedHost.SSHD, ScriptedHost.THEIRS,
      Fixtures.kernelThread(2, "kthreadd"), owner(proc(5100, 1, "node"), null, null),
      proc(5002, 5000, "sshd"));

  static Arbitrary<TreeMutant> treeMutants() {
    Arbitrary<TreeEdit> edit = Combinators.combine(Arbitraries.of(TreeKind.class),
        Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().greaterOrEqual(0),
        Arbitraries.integers().between(0, 7)).as(TreeEdit::new);
    return Combinators.combine(Arbitraries.of(Mode.class), edit.list().ofMinSize(1).ofMaxSize(4))
        .as(TreeMutant::new);
  }

  /** A tree being edited, with the text that replaces each placeholder when it is written. */
  static final class Editing {
    final ObjectNode root;
    final Map<String, String> splices = new LinkedHashMap<>();

    Editing(ObjectNode root) {
      this.root = root;
    }

    /** A placeholder string value or key, written out as {@code text} verbatim. */
    String placeholder(String text) {
      String key = "@@splice" + splices.size() + "@@";
      splices.put(key, text);
      return key;
    }

    JsonNode value(String v) {
      return v.startsWith("raw:") ? NODES.textNode(placeholder(v.substring(4)))
          : NODES.textNode(v);
    }

    String text() throws IOException {
      String s = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
      // Newest first: a later splice (a nested value) may hold an earlier placeholder.
      List<String> keys = new ArrayList<>(splices.keySet());
      for (int i = keys.size() - 1; i >= 0; i--) {
        s = s.replace("\"" + keys.get(i) + "\"", splices.get(keys.get(i)));
      }
      return s;
    }
  }

  /** A place in the tree: a field of an object or an element of an array. */
  record Slot(JsonNode container, String field, int index) {
    JsonNode get() {
      return field != null ? container.get(field) : container.get(index);
    }

    void set(JsonNode v) {
      if (field != null) {
        ((ObjectNode) container).set(field, v);
      } else {
        ((ArrayNode) container).set(index, v);
      }
    }
  }

  private static List<Slot> slots(JsonNode n) {
    List<Slot> out = new ArrayList<>();
    if (n.isObject()) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        out.add(new Slot(n, f, -1));
        out.addAll(slots(n.get(f)));
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        out.add(new Slot(n, null, i));
        out.addAll(slots(n.get(i)));
      }
    }
    return out;
  }

  /** Every object field called {@code name}, anywhere in the tree. */
  private static List<Slot> fields(JsonNode n, String name) {
    List<Slot> out = new ArrayList<>();
    for (Slot s : slots(n)) {
      if (name.equals(s.field())) {
        out.add(s);
      }
    }
    return out;
  }

  static String apply(TreeMutant m) throws IOException {
    return apply(m, BASE.get(m.base()));
  }

  /** The edits of {@code m} made to another plan text of the same mode. */
  static String apply(TreeMutant m, String base) throws IOException {
    Editing ed = new Editing((ObjectNode) JSON.readTree(base));
    for (TreeEdit e : m.edits()) {
      apply(ed, e);
    }
    return ed.text();
  }

  private static void apply(Editing ed, TreeEdit e) {
    ObjectNode root = ed.root;
    List<Slot> all = slots(root);
    Slot slot = all.isEmpty() ? null : all.get(e.a() % all.size());
    String value = VALUES.get(e.b() % VALUES.size());
    switch (e.kind()) {
      case DROP:
        if (slot != null) {
          if (slot.field() != null) {
            ((ObjectNode) slot.container()).remove(slot.field());
          } else {
            ((ArrayNode) slot.container()).remove(slot.index());
          }
        }
        break;
      case DUPLICATE:
        if (slot != null && slot.field() != null) {
          // The same key again, after the first: same value, or another one.
          JsonNode again = e.c() % 2 == 0 ? slot.get().deepCopy() : ed.value(value);
          ((ObjectNode) slot.container()).set(ed.placeholder(JSON.valueToTree(slot.field())
              .toString()), again);
        } else if (slot != null) {
          ((ArrayNode) slot.container()).insert(slot.index(), slot.get().deepCopy());
        }
        break;
      case RENAME:
        if (slot != null && slot.field() != null) {
          ObjectNode obj = (ObjectNode) slot.container();
          String to = KEYS.get(e.b() % KEYS.size());
          ObjectNode renamed = NODES.objectNode();
          obj.fields().forEachRemaining(f -> renamed.set(f.getKey().equals(slot.field())
              ? ed.placeholder(JSON.valueToTree(to).toString()) : f.getKey(), f.getValue()));
          obj.removeAll();
          obj.setAll(renamed);
        }
        break;
      case SET:
        if (slot != null) {
          slot.set(ed.value(value));
        }
        break;
      case NEST:
        if (slot != null) {
          // As text: deeper than Jackson would write. Arrays and objects alternate.
          int depth = List.of(1, 2, 10, 15, 16, 17, 200, 5000).get(e.c());
          String inner;
          try {
            inner = JSON.writeValueAsString(slot.get());
          } catch (IOException x) {
            throw new UncheckedIOException(x);
          }
          StringBuilder open = new StringBuilder();
          StringBuilder close = new StringBuilder();
          for (int i = 0; i < depth; i++) {
            open.append(i % 2 == 0 ? "[" : "{\"x\":");
            close.insert(0, i % 2 == 0 ? "]" : "}");
          }
          slot.set(NODES.textNode(ed.placeholder(open + inner + close)));
        }
        break;
      case FLIP_MODE:
        root.put("mode", root.path("mode").asText().equals("safe") ? "forced" : "safe");
        break;
      case PLATFORM:
        root.put("platform", List.of("windows", "macos", "other", "", "Linux", "linux ", "win32",
            "linux").get(e.c()));
        break;
      case HOST:
        switch (e.c() % 4) {
          case 0:
            root.remove("host");
            break;
          case 1:
            root.putNull("host");
            break;
          case 2:
            root.put("host", "");
            break;
          default:
            root.put("host", "testhost\n");
        }
        break;
      case ESCALATE:
        // Every step of every action becomes this signal, in a safe plan as in a forced one.
        for (Slot s : fields(root, "signal")) {
          s.set(NODES.textNode(SIGNALS.get(e.b() % SIGNALS.size())));
        }
        if (e.c() % 2 == 0) {
          for (Slot s : fields(root, "steps")) {
            if (s.get().isArray()) {
              ((ArrayNode) s.get()).addObject().put("signal", "SIGKILL").put("waitMs", 0);
            }
          }
        }
        break;
      case ALL_PIDS: {
        int pid = List.of(0, 1, OWN_PID, OWN_PARENT, Fixtures.SELF, Fixtures.SHELL, 5400, 5300)
            .get(e.c());
        for (Slot s : fields(root, "pid")) {
          if (s.get().isNumber()) {
            s.set(NODES.numberNode(pid));
          }
        }
        break;
      }
      case ALL_NAMES:
        for (Slot s : fields(root, "name")) {
          s.set(NODES.textNode(List.of("sshd", "systemd", "java", "bash", "postgres", "kthreadd",
              "init", "dbus-daemon").get(e.c())));
        }
        break;
      case ALL_OWNERS:
        for (Slot s : fields(root, "uid")) {
          s.set(e.c() % 3 == 0 ? NODES.nullNode() : NODES.numberNode(e.c() % 3 == 1 ? 0
              : ScriptedHost.THEIR_UID));
        }
        for (Slot s : fields(root, "user")) {
          s.set(e.c() % 3 == 0 ? NODES.nullNode() : NODES.textNode(e.c() % 3 == 1 ? "root"
              : "postgres"));
        }
        break;
      case ALL_KINDS:
        for (Slot s : fields(root, "action")) {
          s.set(NODES.textNode(List.of("kill-tree", "terminate", "terminate-parent",
              "signal-parent", "none", "remove-pidfile", "Terminate", "kill").get(e.c())));
        }
        break;
      case RETARGET:
      case REPARENT:
      case GRAFT:
        aim(root, e);
        break;
      default:
        throw new AssertionError(e.kind());
    }
  }

  /**
   * Points one action at a process the table really has (same pid, start time, name, owner),
   * so that identity checks pass and only the policy can refuse: as its target (RETARGET), as
   * its zombie's parent (REPARENT), or as an extra kill-tree member (GRAFT).
   */
  private static void aim(ObjectNode root, TreeEdit e) {
    JsonNode actions = root.path("actions");
    if (!actions.isArray() || actions.isEmpty()) {
      return;
    }
    JsonNode a = actions.get(e.a() % actions.size());
    if (!a.isObject()) {
      return;
    }
    ObjectNode action = (ObjectNode) a;
    ObjectNode who = targetNode(AIMS.get(e.b() % AIMS.size()));
    JsonNode processes = action.path("processes");
    switch (e.kind()) {
      case RETARGET:
        action.set("target", who);
        if (processes.isArray() && !processes.isEmpty()
            && action.path("action").asText().equals("kill-tree")) {
          ((ArrayNode) processes).set(processes.size() - 1, who.deepCopy());
        }
        break;
      case REPARENT:
        if (processes.isArray() && !processes.isEmpty()) {
          ((ArrayNode) processes).set(0, who);
        }
        break;
      default:
        if (processes.isArray()) {
          ((ArrayNode) processes).insert(0, who);
        }
    }
  }

  private static ObjectNode targetNode(ProcessInfo p) {
    ObjectNode t = NODES.objectNode();
    t.put("pid", p.pid());
    t.put("startTime", "2026-11-21T11:00:00.000Z");
    t.put("startTimeMs", p.startTimeMs());
    t.put("name", p.name());
    if (p.user() == null) {
      t.putNull("user");
    } else {
      t.put("user", p.user());
    }
    if (p.uid() == null) {
      t.putNull("uid");
    } else {
      t.put("uid", p.uid());
    }
    t.put("state", p.state().label());
    return t;
  }

}
