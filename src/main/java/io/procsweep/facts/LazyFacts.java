package io.procsweep.facts;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of one process, each computed when first asked for. A scan's rules ask a handful of
 * the ~50 facts of most processes before one fails (most processes are no orphan, no zombie,
 * no listener), and keeping every fact of 5,000 processes alive until the rules are done is
 * most of what a scan allocates. Iterating computes the rest (explain, tests).
 */
final class LazyFacts extends AbstractMap<String, Object> {
  /** A computed null, told apart from not computed yet. */
  private static final Object NULL = new Object();

  private final Map<String, FactDef> defs;
  private final FactContext context;
  private final Set<String> unread;
  private final Map<String, Object> computed = new HashMap<>(8);

  /**
   * @param defs every fact, by name, in the registry's order
   * @param unread facts whose sources the read skipped: null, never computed
   */
  LazyFacts(Map<String, FactDef> defs, FactContext context, Set<String> unread) {
    this.defs = defs;
    this.context = context;
    this.unread = unread;
  }

  /** The registry's facts by name, in its order, for {@link LazyFacts}. */
  static Map<String, FactDef> byName(List<FactDef> all) {
    Map<String, FactDef> out = new LinkedHashMap<>();
    all.forEach(d -> out.put(d.name(), d));
    return out;
  }

  @Override
  public Object get(Object name) {
    // Most asks repeat a fact another rule asked already: one look-up for those.
    Object v = computed.get(name);
    if (v != null) {
      return v == NULL ? null : v;
    }
    FactDef def = defs.get(name);
    if (def == null || unread.contains(def.name())) {
      return null;
    }
    v = def.compute().apply(context);
    computed.put(def.name(), v == null ? NULL : v);
    return v;
  }

  @Override
  public boolean containsKey(Object name) {
    return defs.containsKey(name);
  }

  @Override
  public int size() {
    return defs.size();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> all = new LinkedHashMap<>();
    for (String name : defs.keySet()) {
      all.put(name, get(name));
    }
    return all.entrySet();
  }
}
