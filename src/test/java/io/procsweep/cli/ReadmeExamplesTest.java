package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's examples run as written: the rule files they name exist under examples/ and
 * are valid, and commands are the repository's ./procsweep, not a procsweep on the PATH
 * (except where the Install section puts one there).
 */
class ReadmeExamplesTest {
  private static final Path README = Path.of("README.md");
  private static final Path EXAMPLES = Path.of("examples");

  @Test
  void everyRuleFileUnderExamplesIsValid() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted().toList();
    }
    assertFalse(files.isEmpty(), "examples/ holds the README's rule files");
    for (Path f : files) {
      MainTest.Run r = MainTest.run("rules", "validate", f.toString());
      assertEquals(0, r.code(), f + ": " + r.err());
      assertTrue(r.out().startsWith("ok: "), f + ": " + r.out());
    }
  }

  @Test
  void everyExamplesFileTheReadmeNamesExists() throws IOException {
    Matcher m = Pattern.compile("examples/[A-Za-z0-9._-]+\\.ya?ml").matcher(
        Files.readString(README));
    TreeSet<String> named = new TreeSet<>();
    while (m.find()) {
      named.add(m.group());
    }
    assertFalse(named.isEmpty());
    for (String f : named) {
      assertTrue(Files.isRegularFile(Path.of(f)), "README names " + f);
    }
  }

  /** Shell lines in code blocks, outside the Install section: none runs a bare procsweep. */
  @Test
  void commandsInCodeBlocksUseTheLauncher() throws IOException {
    List<String> bare = new ArrayList<>();
    boolean inBlock = false;
    boolean inInstall = false;
    Pattern command = Pattern.compile("(^|\\$ |&& |; |\\| )procsweep ");
    int n = 0;
    for (String line : Files.readAllLines(README)) {
      n++;
      if (line.startsWith("## ")) {
        inInstall = line.equals("## Install");
      }
      if (line.startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (inBlock && !inInstall && command.matcher(line).find()) {
        bare.add(n + ": " + line);
      }
    }
    assertEquals(List.of(), bare);
  }

  /** A plan that matches servers by name is scoped to the reader's own processes. */
  @Test
  void cleanupExamplesByNameAreScopedToTheReadersProcesses() throws IOException {
    for (String line : Files.readAllLines(README)) {
      if (line.contains("procsweep plan") || line.contains("procsweep clean")) {
        if (line.contains("--match 'uvicorn|vite'") && line.contains("--mode forced")) {
          assertTrue(line.contains("--user \"$USER\""), line);
        }
      }
    }
  }
}
