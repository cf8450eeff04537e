package io.procsweep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Glob translation, suggestions and the printer's caret. */
class SupportTest {

  private static boolean glob(String glob, String s) {
    return Pattern.compile(Globs.toRegex(glob)).matcher(s).find();
  }

  @Test
  void globs() {
    assertTrue(glob("*.pid", "a.pid"));
    assertTrue(glob("*.pid", "dir/a.pid"));
    assertFalse(glob("*.pid", "a.pidx"));
    assertTrue(glob("a?c", "abc"));
    assertFalse(glob("a?c", "ac"));
    assertTrue(glob("[a-c]x", "bx"));
    assertFalse(glob("[a-c]x", "dx"));
    assertTrue(glob("[!a-c]x", "dx"));
    assertTrue(glob("[]]", "]"));
    assertTrue(glob("[a-]", "-"));
    assertTrue(glob("\\*", "*"));
    assertFalse(glob("\\*", "x"));
    assertTrue(glob("(x)+{y}|$", "(x)+{y}|$"));
    assertTrue(glob("line*", "line1\nline2"));
    assertTrue(glob("tab\there", "tab\there"));
    assertTrue(glob("ünï*", "ünïcode"));
    assertEquals("the '[' at character 3 is never closed",
        assertThrows(IllegalArgumentException.class, () -> Globs.toRegex("ab[c")).getMessage());
    assertEquals("it ends with a lone backslash",
        assertThrows(IllegalArgumentException.class, () -> Globs.toRegex("ab\\")).getMessage());
  }

  @Test
  void suggestions() {
    List<String> c = List.of("state", "name", "pid", "state_seconds");
    assertEquals("state", Suggestions.nearest("stat", c));
    assertEquals("state", Suggestions.nearest("sttae", c)); // a swap costs one
    assertEquals("state", Suggestions.nearest("State", c));
    assertEquals("state_seconds", Suggestions.nearest("state_secnods", c));
    assertEquals(null, Suggestions.nearest("zz", c));
    assertEquals(null, Suggestions.nearest("completely", c));
    assertEquals(" (did you mean 'pid'?)", Suggestions.didYouMean("pdi", c));
    assertEquals("", Suggestions.didYouMean("xyz", c));
    assertEquals(1, Suggestions.distance("ab", "ba"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }

  @Test
  void printerAlignsTheCaretUnderTabsAndWithoutRule() {
    Diagnostic d = new Diagnostic("f.yaml", 2, 4, "bad-value", "m", null, "\tab: x");
    assertEquals("f.yaml:2:4: error: m\n    \tab: x\n    \t  ^", DiagnosticPrinter.format(d));
    Diagnostic noSource = new Diagnostic("f.yaml", 9, 1, "x", "m", "r", null);
    assertEquals("f.yaml:9:1: error: m\n  in rule 'r'", DiagnosticPrinter.format(noSource));
    assertEquals("f.yaml:9:1: error: m\n  in rule 'r'\n",
        DiagnosticPrinter.formatAll(List.of(noSource)));
  }
}
