package io.procsweep.rules;

import io.procsweep.facts.FactDef;
import io.procsweep.facts.FactRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a condition's YAML into {@link Condition} records: the combinators {@code all},
 * {@code any}, {@code not}, and fact keys (whose tests {@link FactTestBuilder} builds). A mapping
 * with several keys needs all of them. Every error is reported; the result is null if any was.
 */
final class ConditionCompiler {
  private final FactRegistry facts;
  private final FactTestBuilder tests;
  private final List<String> keyNames = new ArrayList<>();

  ConditionCompiler(FactRegistry facts, ListTable lists) {
    this.facts = facts;
    this.tests = new FactTestBuilder(lists);
    keyNames.addAll(facts.names());
    keyNames.addAll(List.of("all", "any", "not"));
  }

  /** The compiled condition, or null when it had errors (reported to {@code scope}). */
  Condition compile(RawNode node, CompileScope scope) {
    if (!(node instanceof RawNode.Map)) {
      String hint = node instanceof RawNode.Seq ? "; put a list under 'all:' or 'any:'" : "";
      scope.error(node.pos(), "wrong-type",
          "a condition must be a mapping, got " + node.describe() + hint);
      return null;
    }
    RawNode.Map m = (RawNode.Map) node;
    if (m.entries().isEmpty()) {
      scope.error(m.pos(), "bad-value",
          "an empty condition tests nothing; name a fact or use 'all', 'any' or 'not'");
      return null;
    }
    List<Condition> parts = new ArrayList<>();
    boolean ok = true;
    for (RawNode.Entry e : m.entries()) {
      Condition c = part(e, scope);
      ok &= c != null;
      parts.add(c);
    }
    if (!ok) {
      return null;
    }
    return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
  }

  private Condition part(RawNode.Entry e, CompileScope scope) {
    switch (e.key()) {
      case "all":
      case "any":
        return combinator(e, scope);
      case "not":
        Condition inner = compile(e.value(), scope);
        return inner == null ? null : new Not(inner);
      default:
        FactDef def = facts.find(e.key()).orElse(null);
        if (def == null) {
          scope.error(e.keyPos(), "unknown-fact", "unknown fact '" + e.key() + "'"
              + Suggestions.didYouMean(e.key(), keyNames));
          return null;
        }
        return tests.build(def, e.value(), scope);
    }
  }

  private Condition combinator(RawNode.Entry e, CompileScope scope) {
    if (!(e.value() instanceof RawNode.Seq)) {
      scope.error(e.value().pos(), "wrong-type",
          "'" + e.key() + "' needs a list of conditions, got " + e.value().describe());
      return null;
    }
    List<RawNode> items = ((RawNode.Seq) e.value()).items();
    if (items.isEmpty()) {
      // An empty all: would always hold and an empty any: never; both are mistakes.
      scope.error(e.value().pos(), "bad-value",
          "'" + e.key() + "' needs at least one condition");
      return null;
    }
    List<Condition> parts = new ArrayList<>();
    boolean ok = true;
    for (RawNode item : items) {
      Condition c = compile(item, scope);
      ok &= c != null;
      parts.add(c);
    }
    if (!ok) {
      return null;
    }
    return e.key().equals("all") ? new AllOf(parts) : new AnyOf(parts);
  }
}
