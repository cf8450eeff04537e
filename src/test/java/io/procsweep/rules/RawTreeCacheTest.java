package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.procsweep.facts.FactRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rule files' trees, parsed by the build and found by sha256, are the trees the
 * YAML reader makes; a file whose text differs is parsed from its YAML.
 */
class RawTreeCacheTest {
  private static final List<String> SHIPPED =
      List.of("rules/default.yaml", "rules/dev-servers.yaml");

  @Test
  void theBuildsTreesOfTheShippedRulesEqualTheYamlParsedOnes() throws Exception {
    for (String name : SHIPPED) {
      String content = RuleInputs.builtin(name).content();
      RawNode cached = RawTreeCache.SHIPPED.find(RuleLoader.sha256(content));
      assertNotNull(cached, name + ": the build (process-classes) made no tree for it");
      assertEquals(yaml(content), cached, name);
    }
  }

  @Test
  void everyKindOfNodeAndEveryPositionSurvivesTheRoundTrip() throws Exception {
    String text = "version: 1\nlists:\n  names: [a, 'b c', \"ünï\"]\nn: 3\nf: -2.5\n"
        + "t: true\nz: null\nempty: ''\nnested:\n  - {k: v}\n  - - 1\n";
    RawNode tree = yaml(text);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RawTreeCodec.write(tree, "abc", bytes);
    assertEquals(tree, RawTreeCodec.read(new ByteArrayInputStream(bytes.toByteArray()), "abc"));
    assertNull(RawTreeCodec.read(new ByteArrayInputStream(bytes.toByteArray()), "other"),
        "a tree made from other text");
    byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
    assertNull(RawTreeCodec.read(new ByteArrayInputStream(cut), "abc"), "a truncated file");
  }

  @Test
  void aTreeIsUsedOnlyForTheTextWithItsSha256(@TempDir Path dir) throws Exception {
    String original = rules("from-yaml");
    String sha = RuleLoader.sha256(original);
    // A stand-in tree under the original's hash: seeing its rule proves the cache was read.
    Path folder = Files.createDirectories(dir.resolve(RawTreeCache.FOLDER));
    try (OutputStream out = Files.newOutputStream(folder.resolve(sha + ".bin"))) {
      RawTreeCodec.write(yaml(rules("from-cache")), sha, out);
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      RuleLoader rules = new RuleLoader(FactRegistry.standard(), new RawTreeCache(loader));
      assertEquals(List.of("from-cache"), ids(rules.load(List.of(new RuleInput("r", original)))));
      String edited = original + "# edited after the build\n";
      assertEquals(List.of("from-yaml"), ids(rules.load(List.of(new RuleInput("r", edited)))));
    }
  }

  @Test
  void anUnusableTreeFallsBackToTheYaml(@TempDir Path dir) throws Exception {
    String text = rules("from-yaml");
    Path folder = Files.createDirectories(dir.resolve(RawTreeCache.FOLDER));
    Files.write(folder.resolve(RuleLoader.sha256(text) + ".bin"), new byte[] {1, 2, 3});
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      RuleLoader rules = new RuleLoader(FactRegistry.standard(), new RawTreeCache(loader));
      assertEquals(List.of("from-yaml"), ids(rules.load(List.of(new RuleInput("r", text)))));
    }
  }

  private static String rules(String id) {
    return "version: 1\nrules:\n  - id: " + id + "\n    category: zombie\n    severity: low\n"
        + "    description: test rule\n    when: {state: zombie}\n";
  }

  private static List<String> ids(RuleSet set) {
    return set.rules().stream().map(Rule::id).collect(Collectors.toList());
  }

  private static RawNode yaml(String content) {
    Diagnostics diagnostics = new Diagnostics();
    RawNode tree = new YamlTreeReader().read(content, diagnostics.file(0, "t.yaml", content));
    assertEquals(List.of(), diagnostics.sorted());
    return tree;
  }
}
