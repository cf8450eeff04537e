package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cli.Main;
import io.procsweep.testing.Bounded;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 6, acceptance 2, for rule files: the shipped rule files, mutated as text, are either
 * valid or refused with exit 2 and a file:line:column message, never a stack trace or a hang;
 * a mutant that validates can be planned with (exit 0) or is refused the same way. {@code plan}
 * never signals, and its scope here is the test JVM's own pid, which procsweep never plans for.
 */
class RuleFileFuzzTest {
  /** Far above a normal run (a validate takes milliseconds, a plan well under a second). */
  private static final Duration BOUND = Duration.ofSeconds(60);

  private static final String OWN_PID = String.valueOf(ProcessHandle.current().pid());
  private static final List<String> SHIPPED = List.of("default.yaml", "dev-servers.yaml");
  private static final List<String> BASES = new ArrayList<>();
  private static Path dir;

  static {
    Path rules = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "rules");
    for (String f : SHIPPED) {
      try {
        BASES.add(Files.readString(rules.resolve(f)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @AfterContainer
  static void removeDir() throws IOException {
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  // ---- mutants ------------------------------------------------------------------------------

  enum Kind {
    DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, INDENT, TAB, TOKEN, CONTROL, NUMBER, ANCHORS,
    PIDFILE, TRUNCATE, DELETE_CHARS, BAD_UTF8
  }

  /** One edit; its ints pick lines, positions and values (modulo what there is to pick). */
  record Edit(Kind kind, int a, int b, int c) {}

  /** A shipped file ({@code base} indexes {@link #SHIPPED}) and the edits made to it. */
  record Mutant(int base, List<Edit> edits) {
    String file() {
      return SHIPPED.get(base);
    }
  }

  private static final List<String> TOKENS = List.of("{", "}", "[", "]", "*", "&", "!", "|",
      ">", "?", "- ", ": ", ":", ",", "'", "\"", "#", "%YAML 1.1\n", "---\n", "...\n", "@", "`",
      "$", "$nope", "!!binary ", "!!java.lang.Runtime ", "!!set ", "<<: ", "run/{a.pid",
      "\\", "{{", "[[", "\uFEFF", "\u2028", "\u00e9", "\ud83d\ude00");

  private static final List<String> CONTROLS = List.of("\u0000", "\u0001", "\u0007", "\u001b",
      "\u001b]0;pwned\u0007", "\u007f", "\u0085", "\r", "\u000b", "\u000c", "\ud800");

  private static final List<String> NUMBERS = List.of("99999999999999999999999999", "1e400",
      "-1", "0", "NaN", ".inf", "-.inf", "0x7fffffffffffffff", "9223372036854775808", "1.5",
      "2147483648", "-2147483649", "1_000", "0o777", "~", "null");

  /**
   * Globs a rule file may name, among them ones two glob dialects could disagree on. Each is
   * used relative (resolved against the rule file's folder, or the working directory before
   * issue 6's fix) and absolute under the test's folder, whose {@code run/} holds pid files so
   * that the walk really reaches a pattern.
   */
  private static final List<String> GLOBS = List.of("run/{a.pid", "run/[a.pid", "run/*.pid",
      "run/{a,b}.pid", "run/**/x.pid", "run/a.pid}", "run/\\\\", "run/../run/a.pid", "",
      "run/[!a].pid", "run/{a,{b,c}}.pid", "run/?.pid", "run/[z-a].pid", "run/*{.pid",
      "run/\\\\{a.pid", "run/a.pid\\\\");

  @Provide
  Arbitrary<Mutant> mutants() {
    Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(Kind.class),
        Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().greaterOrEqual(0),
        Arbitraries.integers().between(0, 15)).as(Edit::new);
    return Combinators.combine(Arbitraries.integers().between(0, SHIPPED.size() - 1),
        edit.list().ofMinSize(1).ofMaxSize(3)).as(Mutant::new);
  }

  /** Mutants that always name a pid-file glob, the input that reaches pid-file expansion. */
  @Provide
  Arbitrary<Mutant> withPidfileGlob() {
    Arbitrary<Edit> glob = Combinators.combine(Arbitraries.integers().greaterOrEqual(0),
        Arbitraries.integers().between(0, 15)).as((b, c) -> new Edit(Kind.PIDFILE, 0, b, c));
    return Combinators.combine(mutants(), glob).as((m, g) -> {
      List<Edit> edits = new ArrayList<>(m.edits().subList(0, m.edits().size() - 1));
      edits.add(0, g);
      return new Mutant(m.base(), edits);
    });
  }

  /** The mutant's bytes: its text edits in order, then any bytes that are not UTF-8. */
  static byte[] apply(Mutant m) {
    String text = BASES.get(m.base());
    for (Edit e : m.edits()) {
      if (e.kind() != Kind.BAD_UTF8) {
        text = apply(text, e);
      }
    }
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    for (Edit e : m.edits()) {
      if (e.kind() == Kind.BAD_UTF8) {
        // A lone continuation byte, a truncated sequence, an overlong NUL, or 0xFF.
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        byte[] junk = bad[e.b() % bad.length];
        int at = e.a() % (b.length + 1);
        byte[] out = new byte[b.length + junk.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(b, at, out, at + junk.length, b.length - at);
        b = out;
      }
    }
    return b;
  }

  private static String apply(String text, Edit e) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int i = e.a() % lines.size();
    int at = e.a() % (text.length() + 1);
    switch (e.kind()) {
      case DELETE_LINE:
        lines.remove(i);
        break;
      case DUPLICATE_LINE:
        lines.add(i, lines.get(i));
        break;
      case SWAP_LINES: {
        int j = e.b() % lines.size();
        String t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
        break;
      }
      case INDENT: {
        String line = lines.get(i);
        int shift = e.c() - 8; // -8 .. +7 spaces
        lines.set(i, shift >= 0 ? " ".repeat(shift) + line
            : line.substring(Math.min(-shift, line.length() - line.stripLeading().length())));
        break;
      }
      case TAB:
        lines.set(i, lines.get(i).replaceFirst("^ {1,4}", "\t"));
        break;
      case TOKEN:
        return text.substring(0, at) + TOKENS.get(e.b() % TOKENS.size()) + text.substring(at);
      case CONTROL:
        return text.substring(0, at) + CONTROLS.get(e.b() % CONTROLS.size())
            + text.substring(at);
      case NUMBER: {
        // Replace a number in the file (thresholds, ports, version) with an extreme one.
        java.util.regex.Matcher num = Pattern.compile("(?<![\\w.-])\\d+(?![\\w.])").matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (num.find()) {
          spans.add(new int[] {num.start(), num.end()});
        }
        if (spans.isEmpty()) {
          return text;
        }
        int[] s = spans.get(e.b() % spans.size());
        return text.substring(0, s[0]) + NUMBERS.get(e.c() % NUMBERS.size())
            + text.substring(s[1]);
      }
      case ANCHORS:
        return anchors(text, e);
      case PIDFILE: {
        String glob = GLOBS.get(e.b() % GLOBS.size());
        if (e.c() >= 8) {
          glob = folder() + "/" + glob;
        }
        String quoted = "\"" + glob + "\"";
        if (e.c() % 2 == 0 && text.contains("  pidfiles: []")) {
          return text.replace("  pidfiles: []", "  pidfiles: [" + quoted + "]");
        }
        return text.replaceFirst("(?m)^version: 1$", "version: 1\npidfiles: ["
            + java.util.regex.Matcher.quoteReplacement(quoted) + "]");
      }
      case TRUNCATE:
        return text.substring(0, at);
      case DELETE_CHARS:
        return text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + e.c()));
      case BAD_UTF8:
        return text; // applied to the bytes, see apply(Mutant)
      default:
        throw new AssertionError(e.kind());
    }
    return String.join("\n", lines);
  }

  /** YAML anchors and aliases: a list reused, merged into a rule, or grown as a bomb. */
  private static String anchors(String text, Edit e) {
    switch (e.c() % 4) {
      case 0: {
        // A "billion laughs": each level repeats the one before ten times.
        StringBuilder b = new StringBuilder("  l0: &l0 [lol, lol, lol, lol, lol]\n");
        for (int k = 1; k <= 9; k++) {
          b.append("  l").append(k).append(": &l").append(k).append(" [");
          for (int r = 0; r < 10; r++) {
            b.append(r == 0 ? "" : ", ").append("*l").append(k - 1);
          }
          b.append("]\n");
        }
        String lists = java.util.regex.Matcher.quoteReplacement(b.toString());
        return text.contains("\nlists:\n")
            ? text.replaceFirst("(?m)^lists:\n", "lists:\n" + lists)
            : text.replaceFirst("(?m)^version: 1\n", "version: 1\nlists:\n" + lists);
      }
      case 1:
        // An anchor on the first rule, merged into a new last one (rules: ends both files).
        return text.replaceFirst("(?m)^  - id: ", "  - &first\n    id: ")
            + "\n  - <<: *first\n    id: merged-copy\n";
      case 2:
        // An alias to an anchor that does not exist.
        return text.replaceFirst("(?m)^subreapers: ", "subreapers: *missing\nx: ");
      default:
        // An alias used as a key and a recursive anchor.
        return text.replaceFirst("(?m)^rules:", "a: &a [*a]\nrules:");
    }
  }

  // ---- running procsweep in-process ---------------------------------------------------------

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    return Bounded.within(BOUND, String.join(" ", args), () -> {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
      return new Run(code, out.toString(), err.toString());
    });
  }

  /** The test's folder: the rule file, and {@code run/} with a live and a garbage pid file. */
  private static synchronized Path folder() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("procsweep-rulefuzz");
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/a.pid"), OWN_PID + "\n");
        Files.writeString(dir.resolve("run/b.pid"), "not a pid\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private static Path write(Mutant m, byte[] bytes) throws IOException {
    Path file = folder().resolve(m.file());
    Files.write(file, bytes);
    return file;
  }

  private static void assertNoStackTrace(String what, Run r) {
    for (String s : List.of(r.out(), r.err())) {
      assertFalse(s.contains("Exception") || s.contains("\tat ") || s.contains("internal error"),
          what + ": stack trace or internal error:\n" + r.err());
    }
  }

  /**
   * Exit 0, or exit 2 with at least one line naming the file, line and column. Whatever the
   * mutant, the message never is a stack trace.
   */
  static Run validate(String what, Mutant m, Path file) {
    // default.yaml stands alone; dev-servers.yaml is layered on the shipped rules, as shipped.
    Run r = m.file().equals("default.yaml")
        ? run("rules", "validate", "--no-default-rules", file.toString())
        : run("rules", "validate", file.toString());
    assertTrue(r.code() == 0 || r.code() == 2, what + ": exit " + r.code() + "\n" + r.err());
    assertNoStackTrace(what, r);
    if (r.code() == 2) {
      Pattern located = Pattern.compile("(?m)^" + Pattern.quote(file.toString()) + ":\\d+:\\d+: ");
      assertTrue(located.matcher(r.err()).find(),
          what + ": exit 2 without a file:line:column line:\n" + r.err());
    }
    return r;
  }

  @Property(tries = 300)
  void mutatedRuleFilesValidateOrFailWithALocation(@ForAll("mutants") Mutant m)
      throws IOException {
    String what = m.toString();
    Run r = validate(what, m, write(m, apply(m)));
    Statistics.label("validate").collect(r.code() == 0 ? "valid" : "refused");
    Statistics.label("validate").coverage(c -> c.check("valid").count(n -> n > 0));
    Statistics.label("validate").coverage(c -> c.check("refused").count(n -> n > 0));
  }

  /**
   * A mutant that validates is planned with, on the real process table but scoped to this JVM
   * (which procsweep never plans for): exit 0, or 2 with a clear message, never a stack trace.
   * Fewer tries: each one scans the machine.
   */
  @Property(tries = 40)
  void validMutantsPlanOrFailClearly(@ForAll("withPidfileGlob") Mutant m) throws IOException {
    String what = m.toString();
    Path file = write(m, apply(m));
    Run v = validate(what, m, file);
    if (v.code() != 0) {
      Statistics.label("plan").collect("not valid, not planned");
      return;
    }
    List<String> args = new ArrayList<>(List.of("plan", "--mode", "safe", "--sample", "0",
        "--rules", file.toString()));
    if (m.file().equals("default.yaml")) {
      args.add("--no-default-rules");
    }
    args.addAll(List.of("--pid", OWN_PID));
    Run r = run(args.toArray(String[]::new));
    assertTrue(r.code() == 0 || r.code() == 2, what + ": plan exit " + r.code() + "\n" + r.err());
    assertNoStackTrace(what + " (plan)", r);
    if (r.code() == 2) {
      assertFalse(r.err().isBlank(), what + ": plan exit 2 without a message");
    }
    Statistics.label("plan").collect("planned, exit " + r.code());
  }
}
