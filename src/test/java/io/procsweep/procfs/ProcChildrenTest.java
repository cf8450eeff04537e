package io.procsweep.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcChildrenTest {

  private static Set<Integer> parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return ProcChildren.parse(b, b.length, new TreeSet<>());
  }

  @Test
  void parsesSpaceSeparatedPidsWithOrWithoutTrailingSpace() {
    assertEquals(Set.of(812, 9, 70001), parse("812 9 70001 "));
    assertEquals(Set.of(5), parse("5"));
    assertEquals(Set.of(), parse(""));
  }

  @Test
  void listsAChildThisJvmStarted() throws Exception {
    Process p = new ProcessBuilder("sleep", "30").start();
    try {
      assertTrue(ProcChildren.ofSelf(new ProcReader()).contains((int) p.pid()));
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
