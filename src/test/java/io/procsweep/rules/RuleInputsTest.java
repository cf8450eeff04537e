package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleInputsTest {
  @TempDir Path dir;

  @Test
  void folderGivesYamlFilesInNameOrder() throws Exception {
    Files.writeString(dir.resolve("b.yml"), "version: 1\n");
    Files.writeString(dir.resolve("a.yaml"), "version: 1\nrules: []\n");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    List<RuleInput> in = RuleInputs.fromPath(dir);
    assertEquals(List.of(dir.resolve("a.yaml").toString(), dir.resolve("b.yml").toString()),
        in.stream().map(RuleInput::name).toList());
    assertEquals("version: 1\nrules: []\n", in.get(0).content());
    assertEquals(1, RuleInputs.fromPath(dir.resolve("b.yml")).size());
  }

  @Test
  void missingBuiltinIsNamed() {
    assertEquals("builtin:rules/nope.yaml", assertThrows(NoSuchFileException.class,
        () -> RuleInputs.builtin("rules/nope.yaml")).getMessage());
  }

  @Test
  void builtinIsReadFromTheClassPath() throws Exception {
    RuleInput in = RuleInputs.builtin("rules-fixtures/valid.yaml");
    assertEquals("builtin:rules-fixtures/valid.yaml", in.name());
    assertEquals(3, RuleTexts.load(in.name(), in.content()).rules().size());
  }
}
