package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules list} prints through the same table as scans, plans and outcomes. */
class RulesListTest {

  @Test
  void ruleTextsFromAFileCannotDriveTheTerminal(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hostile.yaml");
    Files.writeString(file, String.join("\n",
        "version: 1",
        "rules:",
        "  - id: hostile",
        "    category: orphan",
        "    severity: low",
        "    description: \"looks fine\\e[2J\\rreally\"",
        "    when: { state: zombie }",
        ""));
    MainTest.Run r = MainTest.run("rules", "list", "--no-default-rules", "--rules",
        file.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("\u001b"), r.out());
    assertFalse(r.out().contains("\r"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("hostile ")
        && l.endsWith("looks fine\\e[2J\\rreally")), r.out());
  }
}
