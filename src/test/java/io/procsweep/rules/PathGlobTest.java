package io.procsweep.rules;

import static io.procsweep.rules.RuleTexts.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pid-file globs: one compiled form, validated by the loader and walked by cleanup. */
class PathGlobTest {

  private static String problem(String glob) {
    return assertThrows(IllegalArgumentException.class, () -> PathGlob.compile(glob))
        .getMessage();
  }

  @Test
  void componentsAreLiteralWildcardOrAnyDepth() {
    PathGlob g = PathGlob.compile(".run//**/w-*.pid");
    assertFalse(g.absolute());
    List<PathGlob.Segment> s = g.branches().get(0).segments();
    assertEquals(new PathGlob.Literal(".run"), s.get(0));
    assertInstanceOf(PathGlob.AnyDepth.class, s.get(1));
    assertTrue(s.get(2).matches("w-1.pid"));
    assertFalse(s.get(2).matches("x-1.pid"));
    assertTrue(PathGlob.compile("/run/a\\*.pid").absolute());
    assertEquals(new PathGlob.Literal("a*.pid"),
        PathGlob.compile("/run/a\\*.pid").branches().get(0).segments().get(1));
  }

  @Test
  void starStaysWithinOneComponent() {
    List<PathGlob.Segment> s = PathGlob.compile("run/*.pid").branches().get(0).segments();
    assertEquals(2, s.size(), "'*' is matched against one directory's entries only");
    assertTrue(s.get(1).matches("a.pid"));
    assertFalse(s.get(1).matches("a.pidx"));
  }

  @Test
  void bracesExpandToBranches() {
    PathGlob g = PathGlob.compile("{/run,var/{a,b}}/x.pid");
    assertEquals(3, g.branches().size());
    assertTrue(g.branches().get(0).absolute());
    assertFalse(g.branches().get(1).absolute());
    assertFalse(g.absolute());
    assertEquals(List.of(new PathGlob.Literal("var"), new PathGlob.Literal("b"),
        new PathGlob.Literal("x.pid")), g.branches().get(2).segments());
    assertEquals(1, PathGlob.compile("a\\{b/c.pid").branches().size());
    assertEquals(1, PathGlob.compile("[{]x").branches().size());
  }

  @Test
  void invalidGlobsSayWhy() {
    assertEquals("the '{' at character 5 is never closed", problem("run/{a.pid"));
    assertEquals("the '[' at character 5 is never closed", problem("run/[a.pid"));
    assertEquals("'**' must be a whole path component, as in 'run/**/*.pid'",
        problem("svc/**.pid"));
    assertEquals("'..' is not allowed: a pid-file glob never walks up", problem("../x.pid"));
    assertEquals("it is empty", problem(""));
    assertEquals("it names no file", problem("/"));
    assertTrue(problem("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}").contains("more than 64"));
  }

  @Test
  void anUnclosedBraceIsARuleFileErrorWithItsPosition() {
    List<Diagnostic> ds = errors("p.yaml", "version: 1\npidfiles: ['run/{a.pid']\n");
    assertEquals(1, ds.size(), () -> "diagnostics: " + ds);
    assertEquals("p.yaml:2:12: error: invalid glob 'run/{a.pid': the '{' at character 5 is"
        + " never closed", ds.get(0).headline());
    assertEquals("bad-glob", ds.get(0).code());
    List<Diagnostic> prot = errors("q.yaml", "version: 1\nprotect:\n  pidfiles: ['w/{x']\n");
    assertEquals("q.yaml:3:14: error: invalid glob 'w/{x': the '{' at character 3 is never"
        + " closed", prot.get(0).headline());
  }

  @Test
  void aRelativeGlobInARuleFileWithNoDirectoryIsAnError() throws Exception {
    RuleLoader loader = new RuleLoader(io.procsweep.facts.FactRegistry.standard());
    RuleLoadException e = assertThrows(RuleLoadException.class, () -> loader.load(List.of(
        new RuleInput("builtin:rules/x.yaml", "version: 1\npidfiles: ['.run/*.pid']\n"))));
    assertEquals(1, e.diagnostics().size());
    assertEquals("builtin:rules/x.yaml:2:12: error: pid-file glob '.run/*.pid' is relative, but"
        + " builtin:rules/x.yaml has no directory to resolve it against; use an absolute path",
        e.diagnostics().get(0).headline());
    assertEquals("relative-glob", e.diagnostics().get(0).code());

    RuleSet ok = loader.load(List.of(
        new RuleInput("builtin:rules/x.yaml", "version: 1\npidfiles: ['/run/*.pid']\n")));
    assertEquals(List.of(new PidfileGlob(PathGlob.compile("/run/*.pid"), null)), ok.pidfiles());
  }

  @Test
  void relativeGlobsCarryTheirRuleFilesDirectory() throws Exception {
    Path dir = Path.of("/srv/app").toAbsolutePath();
    RuleSet set = new RuleLoader(io.procsweep.facts.FactRegistry.standard()).load(List.of(
        new RuleInput("/srv/app/r.yaml", "version: 1\npidfiles: ['.run/*.pid']\n", dir)));
    assertEquals(List.of(new PidfileGlob(PathGlob.compile(".run/*.pid"), dir)), set.pidfiles());
  }
}
