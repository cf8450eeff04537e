package io.procsweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of src/main, checked on the {@code import} lines of every source file (the
 * way OSHI's import control does it, without a Checkstyle run): no package cycles, {@code procfs}
 * is a leaf, only {@code platform} and {@code snapshot} touch OSHI or JNA, nothing depends on the
 * CLI. Other branches may add edges; this test is what tells them at merge time.
 *
 * <p>Nodes are packages below {@code io.procsweep}, named without that prefix
 * ({@code cleanup}, {@code platform.fs}); a subpackage is its own node for cycles and belongs to
 * its top-level package for the other rules.
 */
class ArchitectureTest {
  private static final String ROOT = "io.procsweep";
  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");

  /** One import line of one file. */
  record Import(String file, int line, String fromPackage, String target) {
    @Override
    public String toString() {
      return file + ":" + line + ": import " + target;
    }
  }

  private static List<Import> imports;

  @BeforeAll
  static void readSources() throws IOException {
    assertTrue(Files.isDirectory(MAIN), "run from the project directory: " + MAIN.toAbsolutePath());
    imports = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        imports.addAll(parse(MAIN.relativize(f).toString(),
            Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    assertTrue(imports.stream().anyMatch(i -> i.target().startsWith(ROOT + ".")),
        "no io.procsweep imports found under " + MAIN + ": the scan itself is broken");
  }

  @Test
  void noPackageCycles() {
    List<List<String>> cycles = cycles(graph(imports));
    assertTrue(cycles.isEmpty(), () -> "package cycles in src/main:\n" + cycles.stream()
        .map(c -> describeCycle(c, imports)).collect(Collectors.joining("\n")));
  }

  @Test
  void procfsImportsNothingOfOurs() {
    assertNone("procfs must import no io.procsweep package (it is the shared leaf)",
        imports.stream().filter(i -> top(i.fromPackage()).equals("procfs")
            && i.target().startsWith(ROOT + ".")
            && !top(node(i.target())).equals("procfs")).toList());
  }

  @Test
  void onlyPlatformAndSnapshotTouchOshiOrJna() {
    assertNone("only platform and snapshot may import oshi.* or com.sun.jna.*", nativeLeaks(imports));
  }

  @Test
  void nothingImportsTheCli() {
    assertNone("nothing outside cli may import io.procsweep.cli", cliImports(imports));
  }

  // The rules themselves, on made-up sources: a rule that cannot fail proves nothing.

  @Test
  void findsAndNamesACycle() {
    List<Import> in = new ArrayList<>();
    in.addAll(parse("io/procsweep/cleanup/A.java",
        "package io.procsweep.cleanup;\nimport io.procsweep.report.R;\nclass A {}"));
    in.addAll(parse("io/procsweep/report/R.java",
        "package io.procsweep.report;\n\nimport static io.procsweep.cleanup.A.x;\nclass R {}"));
    in.addAll(parse("io/procsweep/scan/S.java",
        "package io.procsweep.scan;\nimport io.procsweep.report.*;\nclass S {}"));
    List<List<String>> cycles = cycles(graph(in));
    assertEquals(List.of(List.of("cleanup", "report", "cleanup")), cycles);
    assertEquals("cleanup -> report -> cleanup\n"
        + "  io/procsweep/cleanup/A.java:2: import io.procsweep.report.R\n"
        + "  io/procsweep/report/R.java:3: import io.procsweep.cleanup.A.x",
        describeCycle(cycles.get(0), in));
  }

  @Test
  void subpackagesAreNodesButBelongToTheirParentForJna() {
    List<Import> in = new ArrayList<>();
    in.addAll(parse("io/procsweep/platform/fs/F.java",
        "package io.procsweep.platform.fs;\nimport com.sun.jna.Native;\nimport io.procsweep.platform.P;"));
    in.addAll(parse("io/procsweep/platform/P.java",
        "package io.procsweep.platform;\nimport io.procsweep.platform.fs.F;"));
    in.addAll(parse("io/procsweep/report/W.java",
        "package io.procsweep.report;\nimport oshi.SystemInfo;\nimport io.procsweep.cli.Main;"));
    assertEquals(List.of(List.of("platform", "platform.fs", "platform")), cycles(graph(in)));
    assertEquals(List.of("io/procsweep/report/W.java:2: import oshi.SystemInfo"),
        nativeLeaks(in).stream().map(Import::toString).toList());
    assertEquals(List.of("io/procsweep/report/W.java:3: import io.procsweep.cli.Main"),
        cliImports(in).stream().map(Import::toString).toList());
  }

  static List<Import> parse(String file, String source) {
    Matcher pm = PACKAGE.matcher(source);
    String pkg = pm.find() ? pm.group(1) : "";
    List<Import> out = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      Matcher m = IMPORT.matcher(lines[n]);
      if (m.find()) {
        out.add(new Import(file, n + 1, pkg, m.group(1)));
      }
    }
    return out;
  }

  /**
   * The node an import names: its package below {@code io.procsweep}, i.e. the segments before
   * the first capitalised one (a class) or the {@code *}.
   */
  static String node(String name) {
    List<String> parts = new ArrayList<>();
    for (String s : name.split("\\.")) {
      if (s.equals("*") || Character.isUpperCase(s.charAt(0))) {
        break;
      }
      parts.add(s);
    }
    String pkg = String.join(".", parts);
    return pkg.equals(ROOT) ? "(root)"
        : pkg.startsWith(ROOT + ".") ? pkg.substring(ROOT.length() + 1) : pkg;
  }

  /** {@code platform} for {@code platform.fs}. */
  static String top(String node) {
    if (node.equals(ROOT)) {
      return "(root)";
    }
    String n = node.startsWith(ROOT + ".") ? node.substring(ROOT.length() + 1) : node;
    int dot = n.indexOf('.');
    return dot < 0 ? n : n.substring(0, dot);
  }

  static Map<String, Set<String>> graph(List<Import> in) {
    Map<String, Set<String>> g = new TreeMap<>();
    for (Import i : in) {
      if (!i.target().startsWith(ROOT + ".") || !i.fromPackage().startsWith(ROOT)) {
        continue;
      }
      String from = node(i.fromPackage());
      String to = node(i.target());
      g.computeIfAbsent(from, k -> new TreeSet<>());
      g.computeIfAbsent(to, k -> new TreeSet<>());
      if (!from.equals(to)) {
        g.get(from).add(to);
      }
    }
    return g;
  }

  /** One cycle per back edge of a depth-first walk in name order, each closed on its start. */
  static List<List<String>> cycles(Map<String, Set<String>> g) {
    Map<String, Integer> state = new HashMap<>(); // absent: new, 1: on the path, 2: done
    List<List<String>> found = new ArrayList<>();
    for (String n : g.keySet()) {
      if (!state.containsKey(n)) {
        walk(n, g, state, new ArrayList<>(), found);
      }
    }
    return found;
  }

  private static void walk(String n, Map<String, Set<String>> g, Map<String, Integer> state,
      List<String> path, List<List<String>> found) {
    state.put(n, 1);
    path.add(n);
    for (String next : g.getOrDefault(n, Set.of())) {
      Integer s = state.get(next);
      if (s == null) {
        walk(next, g, state, path, found);
      } else if (s == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
        cycle.add(next);
        found.add(cycle);
      }
    }
    path.remove(path.size() - 1);
    state.put(n, 2);
  }

  /** The cycle, then the first import making each of its edges. */
  static String describeCycle(List<String> cycle, List<Import> in) {
    StringBuilder sb = new StringBuilder(String.join(" -> ", cycle));
    for (int k = 0; k + 1 < cycle.size(); k++) {
      String from = cycle.get(k);
      String to = cycle.get(k + 1);
      in.stream()
          .filter(i -> i.fromPackage().startsWith(ROOT) && i.target().startsWith(ROOT + ".")
              && node(i.fromPackage()).equals(from) && node(i.target()).equals(to))
          .findFirst()
          .ifPresent(i -> sb.append("\n  ").append(i));
    }
    return sb.toString();
  }

  static List<Import> nativeLeaks(List<Import> in) {
    return in.stream()
        .filter(i -> i.target().startsWith("oshi.") || i.target().startsWith("com.sun.jna."))
        .filter(i -> !Set.of("platform", "snapshot").contains(top(i.fromPackage())))
        .toList();
  }

  static List<Import> cliImports(List<Import> in) {
    return in.stream()
        .filter(i -> top(node(i.target())).equals("cli") && i.target().startsWith(ROOT + "."))
        .filter(i -> !top(i.fromPackage()).equals("cli"))
        .toList();
  }

  private static void assertNone(String rule, List<Import> offenders) {
    assertTrue(offenders.isEmpty(), () -> rule + "; offending imports:\n  " + offenders.stream()
        .map(Import::toString).collect(Collectors.joining("\n  ")));
  }
}
