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

  @Test
  void shrinkableColumnsGiveWayNearestTheLastFirstDownToTheirMinimum() {
    TextTable t = new TextTable(3, Column.left("USER", 12).shrinksTo(4),
        Column.left("RULE", 20).shrinksTo(6), Column.left("CMD")).wantLast(12);
    t.add("someoneverylong", "stale-listener-orphan", "python3 -m http.server");
    // At 40, RULE gives 8 of its 20 so the command gets its 12.
    assertEquals(String.join("\n",
        "USER          RULE          CMD",
        "someonevery\u2026  stale-liste\u2026  python3 -m \u2026",
        ""), t.render(40));
    // At 30, RULE gives all it may (down to 6), then USER gives 4.
    assertEquals(String.join("\n",
        "USER      RULE    CMD",
        "someone\u2026  stale\u2026  python3 -m \u2026",
        ""), t.render(30));
  }

  @Test
  void noColumnShrinksWhenTheLastHasWhatItNeeds() {
    TextTable t = new TextTable(3, Column.left("RULE", 30).shrinksTo(4), Column.left("CMD"))
        .wantLast(20);
    t.add("stale-listener-orphan", "sh");
    assertEquals("RULE                   CMD\nstale-listener-orphan  sh\n", t.render(26));
  }

  @Test
  void aColumnCutInTheMiddleKeepsItsTail() {
    assertEquals("abc\u2026xyz1", TextTable.truncateMiddle("abcdefghijklmnopqrstuvwxyz1", 8));
    TextTable t = new TextTable(3, Column.left("PORTS", 6).cutBy(TextTable.Cut.MIDDLE),
        Column.left("X"));
    t.add("3000,5173,8000", "x");
    assertEquals("PORTS   X\n30\u2026000  x\n", t.render(20));
  }

  @Test
  void oneBlankGapAndAHighlightOnAnotherColumn() {
    TextTable t = new TextTable(0, Column.right("PID"), Column.left("SEV"), Column.left("CMD"))
        .gap(1).highlightColumn(1);
    t.addHighlighted("\u001b[31m", "7", "high", "sh");
    assertEquals("PID SEV  CMD\n  7 \u001b[31mhigh\u001b[0m sh\n", t.render(80));
    assertThrows(IllegalArgumentException.class, () -> t.highlightColumn(3));
    assertThrows(IllegalArgumentException.class, () -> t.gap(0));
  }
}
