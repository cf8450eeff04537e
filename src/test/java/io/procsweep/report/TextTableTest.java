package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.procsweep.report.TextTable.Column;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void capsColumnsAndFillsTheLastOneToTheWidth() {
    TextTable t = new TextTable(5, Column.left("NAME", 6), Column.right("PID"),
        Column.left("COMMAND"));
    t.add("postgres", "7", "postgres -D /var/lib/postgresql");
    t.add("sh", "31337", "sh");
    assertEquals(String.join("\n",
        "NAME      PID  COMMAND",
        "postg\u2026      7  postgres -D /v\u2026",
        "sh      31337  sh",
        ""), t.render(30));
  }

  @Test
  void theLastColumnKeepsItsMinimumOnANarrowTerminal() {
    TextTable t = new TextTable(4, Column.left("A"), Column.left("B"));
    t.add("aaaaaaaaaa", "bbbbbbbbbb");
    assertEquals("A           B\naaaaaaaaaa  bbb\u2026\n", t.render(1));
  }

  @Test
  void unboundedCutsNothing() {
    String longText = "x".repeat(5000);
    TextTable t = new TextTable(0, Column.left("ID"), Column.left("DESCRIPTION"));
    t.add("r", longText);
    assertEquals("ID  DESCRIPTION\nr   " + longText + "\n", t.render(TextTable.UNBOUNDED));
  }

  @Test
  void everyCellIsEscapedBeforeItIsMeasured() {
    TextTable t = new TextTable(0, Column.left("NAME"), Column.left("CMD"));
    t.add("a\u001b[2J", "b\r\u202Ec");
    t.add(null, "x");
    // The escaped name is 6 columns wide, so the header is padded to 6, not to the raw 5.
    assertEquals("NAME    CMD\na\\e[2J  b\\r\\u{202E}c\n-       x\n",
        t.render(TextTable.UNBOUNDED));
  }

  @Test
  void anEmptyLastCellLeavesNoTrailingBlanks() {
    TextTable t = new TextTable(0, Column.left("ID"), Column.left("DESCRIPTION"));
    t.add("rule", "");
    assertEquals("ID    DESCRIPTION\nrule\n", t.render(80));
  }

  @Test
  void aHighlightWrapsOnlyTheFirstCellAndDoesNotCountTowardTheWidth() {
    TextTable t = new TextTable(0, Column.left("SEV"), Column.left("RULE"));
    t.addHighlighted("\u001b[31m", "high", "zombie");
    t.add("low", "orphan");
    assertEquals("SEV   RULE\n\u001b[31mhigh\u001b[0m  zombie\nlow   orphan\n",
        t.render(80));
  }

  @Test
  void aRowMustFillEveryColumn() {
    TextTable t = new TextTable(0, Column.left("A"), Column.left("B"));
    assertThrows(IllegalArgumentException.class, () -> t.add("only one"));
  }

  @Test
  void aNoteGoesUnderItsRowIndentedToTheSecondColumnAndWrapsBetweenParts() {
    TextTable t = new TextTable(4, Column.left("SEV"), Column.left("RULE"), Column.left("CMD"));
    t.add("high", "r1", "a");
    t.note(java.util.Arrays.asList("also r2 (low)", null, "", "cwd /srv/\u001b[2J", "session 7"));
    t.add("low", "r3", "b");
    t.note(java.util.List.of());
    assertEquals(String.join("\n",
        "SEV   RULE  CMD",
        "high  r1    a",
        "      also r2 (low); cwd /srv/\\e[2J",
        "      session 7",
        "low   r3    b",
        ""), t.render(40));
  }

  @Test
  void aNotePartTooLongForALineIsCut() {
    TextTable t = new TextTable(4, Column.left("A"), Column.left("B"));
    t.add("x", "y");
    t.note(java.util.List.of("short", "y".repeat(30), "end"));
    assertEquals(String.join("\n",
        "A  B",
        "x  y",
        "   short",
        "   yyyyyyyyyyyyyyyyy\u2026",
        "   end",
        ""), t.render(21));
  }

  @Test
  void aNoteNeedsARow() {
    TextTable t = new TextTable(4, Column.left("A"), Column.left("B"));
    assertThrows(IllegalStateException.class, () -> t.note(java.util.List.of("x")));
  }
}
