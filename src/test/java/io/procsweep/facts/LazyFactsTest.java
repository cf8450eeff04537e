package io.procsweep.facts;

import static io.procsweep.testing.Procs.proc;
import static io.procsweep.testing.Procs.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A fact is computed when first asked for, once; one the read skipped is never computed. */
class LazyFactsTest {
  private final List<String> computed = new ArrayList<>();

  private FactDef counted(String name, Object value) {
    return new FactDef(name, FactType.STRING, "test", "all", List.of(), c -> {
      computed.add(name);
      return value;
    }, Set.of());
  }

  private LazyFacts facts(Set<String> unread) {
    Snapshot s = snapshot(List.of(proc(1, 0, "init", 0, 100)), List.of());
    ProcessInfo p = s.processes().get(0);
    FactContext c = new FactContext(p, new SnapshotIndex(s), s.takenAt(), null, Set.of(),
        "linux");
    return new LazyFacts(LazyFacts.byName(List.of(counted("a", "x"), counted("b", null),
        counted("c", "z"))), c, unread);
  }

  @Test
  void eachFactIsComputedOnlyWhenAskedAndOnlyOnceNullIncluded() {
    LazyFacts f = facts(Set.of());
    assertEquals(List.of(), computed);
    assertEquals("x", f.get("a"));
    assertNull(f.get("b"));
    assertEquals("x", f.get("a"));
    assertNull(f.get("b"));
    assertEquals(List.of("a", "b"), computed);
  }

  @Test
  void aFactTheReadSkippedIsNullAndNeverComputed() {
    LazyFacts f = facts(Set.of("c"));
    assertNull(f.get("c"));
    assertNull(f.get("no-such-fact"));
    assertEquals(List.of(), computed);
  }

  @Test
  void iteratingGivesEveryFactInTheRegistrysOrder() {
    LazyFacts f = facts(Set.of("c"));
    f.get("b");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", "x");
    expected.put("b", null);
    expected.put("c", null);
    assertEquals(expected, new LinkedHashMap<>(f));
    assertEquals(List.of("a", "b", "c"), new ArrayList<>(f.keySet()));
    assertEquals(List.of("b", "a"), computed);
  }
}
