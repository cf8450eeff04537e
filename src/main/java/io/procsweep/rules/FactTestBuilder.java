package io.procsweep.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.procsweep.facts.FactDef;
import io.procsweep.facts.FactType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the test for one fact key ({@code fact: value} or {@code fact: {op: value, ...}}):
 * checks the operator against the fact's type and each value against the fact's value type,
 * resolves {@code $list} references, compiles patterns, and picks the leaf record that evaluates
 * it with no further look-ups than the fact itself.
 *
 * <p>Unknown facts: every test is false on a null (unknown) fact except {@code exists: false}.
 * Unknown never matches, so a rule never fires on missing data; {@code ne} and {@code not_in} mean
 * "known and different", unlike {@code not:}.
 */
final class FactTestBuilder {
  static final List<String> OPS = List.of(
      "eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "regex", "glob", "contains", "exists");

  private final ListTable lists;

  FactTestBuilder(ListTable lists) {
    this.lists = lists;
  }

  /** A value from the file, or one item of a referenced list (errors point at the reference). */
  private record Operand(RawNode.Scalar value, Pos at, String list) {
    /** " from list 'x'" for an item of a list, "" for a literal. */
    String origin() {
      return list == null ? "" : " from list '" + list + "'";
    }
  }

  /** How a fact's values compare, whatever the operator. */
  private enum Kind {
    NUMERIC,
    TEXT,
    BOOL
  }

  Condition build(FactDef def, RawNode value, CompileScope s) {
    if (value instanceof RawNode.Seq) {
      s.error(value.pos(), "wrong-type", "fact '" + def.name()
          + "' takes one value or a mapping of operators, got a list; use {in: [...]} to match"
          + " any of several values");
      return null;
    }
    if (!(value instanceof RawNode.Map)) {
      return op(def, "eq", value.pos(), value, s);
    }
    RawNode.Map m = (RawNode.Map) value;
    if (m.entries().isEmpty()) {
      s.error(m.pos(), "bad-value", "no operator given for fact '" + def.name() + "'");
      return null;
    }
    List<Condition> parts = new ArrayList<>();
    boolean ok = true;
    for (RawNode.Entry e : m.entries()) {
      Condition c;
      if (!OPS.contains(e.key())) {
        s.error(e.keyPos(), "unknown-op", "unknown operator '" + e.key() + "'"
            + Suggestions.didYouMean(e.key(), OPS));
        c = null;
      } else {
        c = op(def, e.key(), e.keyPos(), e.value(), s);
      }
      ok &= c != null;
      parts.add(c);
    }
    if (!ok) {
      return null;
    }
    return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
  }

  /** One operator; {@code opPos} is where the operator (or, for {@code fact: value}, the value) is. */
  private Condition op(FactDef def, String op, Pos opPos, RawNode value, CompileScope s) {
    String fact = def.name();
    FactType type = def.type();
    Kind kind = kind(type);
    if (op.equals("exists")) {
      if (value instanceof RawNode.Scalar && ((RawNode.Scalar) value).isStrictBoolean()) {
        return new Exists(fact, ((RawNode.Scalar) value).truth());
      }
      s.error(value.pos(), "wrong-type",
          "operator 'exists' takes true or false, got " + value.describe());
      return null;
    }
    if (!applies(op, type, kind)) {
      s.error(opPos, "wrong-type", "operator '" + op + "' needs " + needs(op)
          + ", but '" + fact + "' is " + article(type.label()));
      return null;
    }
    List<Operand> operands = operands(op, value, s);
    if (operands == null) {
      return null;
    }
    switch (kind) {
      case NUMERIC:
        return numeric(def, op, operands, s);
      case BOOL:
        return bool(def, op, operands, s);
      default:
        return text(def, op, operands, s);
    }
  }

  private static Kind kind(FactType type) {
    if (type.isNumeric()) {
      return Kind.NUMERIC;
    }
    return type == FactType.BOOLEAN ? Kind.BOOL : Kind.TEXT;
  }

  private static boolean applies(String op, FactType type, Kind kind) {
    switch (op) {
      case "lt":
      case "lte":
      case "gt":
      case "gte":
        return kind == Kind.NUMERIC;
      case "regex":
      case "glob":
        return kind == Kind.TEXT;
      case "contains":
        return kind == Kind.TEXT || type.isList();
      default:
        return true;
    }
  }

  private static String needs(String op) {
    switch (op) {
      case "regex":
      case "glob":
        return "a string fact";
      case "contains":
        return "a string or list fact";
      default:
        return "a numeric fact";
    }
  }

  static String article(String label) {
    return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
  }

  /**
   * The operator's values: a scalar, a {@code $list} reference (for every operator that can test
   * several values), or for {@code in}/{@code not_in} a list whose items may be references too.
   */
  private List<Operand> operands(String op, RawNode value, CompileScope s) {
    boolean many = op.equals("in") || op.equals("not_in");
    boolean refs = !(op.equals("lt") || op.equals("lte") || op.equals("gt") || op.equals("gte"));
    if (value instanceof RawNode.Map) {
      s.error(value.pos(), "wrong-type", "operator '" + op + "' takes "
          + (many ? "a list" : "a value") + ", got a mapping");
      return null;
    }
    List<Operand> out = new ArrayList<>();
    if (value instanceof RawNode.Seq) {
      if (!many) {
        String hint = op.equals("eq") || op.equals("ne")
            ? "; use '" + (op.equals("eq") ? "in" : "not_in") + "' to test several values" : "";
        s.error(value.pos(), "wrong-type",
            "operator '" + op + "' takes one value, got a list" + hint);
        return null;
      }
      boolean ok = true;
      for (RawNode item : ((RawNode.Seq) value).items()) {
        if (!(item instanceof RawNode.Scalar)) {
          s.error(item.pos(), "wrong-type",
              "operator '" + op + "' takes a list of values, got " + item.describe() + " in it");
          ok = false;
        } else {
          ok &= scalar((RawNode.Scalar) item, out, s);
        }
      }
      return ok ? out : null;
    }
    RawNode.Scalar scalar = (RawNode.Scalar) value;
    String ref = ListRefs.referenced(scalar);
    if (ref != null && !refs) {
      s.error(scalar.pos(), "wrong-type",
          "operator '" + op + "' takes one number, not a list reference");
      return null;
    }
    if (ref == null && many) {
      s.error(scalar.pos(), "wrong-type", "operator '" + op
          + "' takes a list or a $list reference, got " + scalar.describe());
      return null;
    }
    return scalar(scalar, out, s) ? out : null;
  }

  /** Adds a literal, or every item of the list it references; false on an unknown list. */
  private boolean scalar(RawNode.Scalar v, List<Operand> out, CompileScope s) {
    String ref = ListRefs.referenced(v);
    if (ref == null) {
      out.add(new Operand(v, v.pos(), null));
      return true;
    }
    RawRuleFile.RawList list = lists.visible(ref, s.fileIndex());
    if (list == null) {
      s.cascadingError(v.pos(), "unknown-list", "unknown list '" + ref + "'"
          + Suggestions.didYouMean(ref, lists.visibleNames(s.fileIndex())));
      return false;
    }
    for (RawNode.Scalar item : list.items()) {
      out.add(new Operand(item, v.pos(), ref));
    }
    return true;
  }

  private Condition numeric(FactDef def, String op, List<Operand> operands, CompileScope s) {
    double[] values = new double[operands.size()];
    boolean ok = true;
    for (int i = 0; i < values.length; i++) {
      Operand o = operands.get(i);
      if (o.value().isNumber()) {
        values[i] = o.value().number();
      } else {
        expected("a number", def, o, s);
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    boolean list = def.type().isList();
    switch (op) {
      case "lt":
        return new NumberCompare(def.name(), NumberCompare.Comparison.LT, values[0], list);
      case "lte":
        return new NumberCompare(def.name(), NumberCompare.Comparison.LTE, values[0], list);
      case "gt":
        return new NumberCompare(def.name(), NumberCompare.Comparison.GT, values[0], list);
      case "gte":
        return new NumberCompare(def.name(), NumberCompare.Comparison.GTE, values[0], list);
      default:
        return new NumberIn(def.name(), values, negated(op), list);
    }
  }

  private Condition bool(FactDef def, String op, List<Operand> operands, CompileScope s) {
    boolean hasTrue = false;
    boolean hasFalse = false;
    boolean ok = true;
    for (Operand o : operands) {
      if (o.value().isStrictBoolean()) {
        hasTrue |= o.value().truth();
        hasFalse |= !o.value().truth();
      } else {
        expected("true or false", def, o, s);
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    return negated(op) ? new BoolIn(def.name(), !hasTrue, !hasFalse)
        : new BoolIn(def.name(), hasTrue, hasFalse);
  }

  private Condition text(FactDef def, String op, List<Operand> operands, CompileScope s) {
    boolean list = def.type().isList();
    // State values are checked only where they must equal a state; a pattern or substring
    // may legitimately be part of one.
    boolean checkState = def.type() == FactType.STATE
        && (op.equals("eq") || op.equals("ne") || op.equals("in") || op.equals("not_in"));
    List<String> values = new ArrayList<>();
    boolean ok = true;
    for (Operand o : operands) {
      RawNode.Scalar v = o.value();
      if (v.kind() == RawNode.Kind.NULL) {
        expected("a string", def, o, s);
        ok = false;
      } else if (checkState && !def.allowedValues().contains(v.text())) {
        String hint = Suggestions.didYouMean(v.text(), def.allowedValues());
        s.error(o.at(), "bad-value", "invalid value '" + v.text() + "'" + o.origin()
            + " for fact '" + def.name() + "'"
            + (hint.isEmpty() ? ": use one of " + String.join(", ", def.allowedValues()) : hint));
        ok = false;
      } else {
        values.add(v.text());
      }
    }
    if (!ok) {
      return null;
    }
    switch (op) {
      case "regex":
      case "glob":
        return patterns(def, op, operands, s);
      case "contains":
        return list ? new StringIn(def.name(), new HashSet<>(values), false, true)
            : new Substring(def.name(), values);
      default:
        return new StringIn(def.name(), Set.copyOf(values), negated(op), list);
    }
  }

  private Condition patterns(FactDef def, String op, List<Operand> operands, CompileScope s) {
    List<Pattern> compiled = new ArrayList<>();
    boolean ok = true;
    for (Operand o : operands) {
      String source = o.value().text();
      if (op.equals("glob")) {
        try {
          compiled.add(Pattern.compile(Globs.toRegex(source)));
        } catch (IllegalArgumentException e) {
          s.error(o.at(), "bad-glob",
              "invalid glob '" + source + "'" + o.origin() + ": " + e.getMessage());
          ok = false;
        }
      } else {
        try {
          compiled.add(Pattern.compile(source));
        } catch (PatternSyntaxException e) {
          s.error(o.at(), "bad-regex",
              "invalid regex '" + source + "'" + o.origin() + ": " + regexProblem(source, e));
          ok = false;
        }
      }
    }
    List<String> sources = operands.stream().map(o -> o.value().text()).toList();
    return ok ? new PatternMatch(def.name(), compiled, def.type().isList(), op, sources) : null;
  }

  /** RE2/J's description, plus the offending fragment when it is not the whole pattern. */
  static String regexProblem(String source, PatternSyntaxException e) {
    String fragment = e.getPattern();
    // RE2/J 1.8 reports every unmatched ')' as "internal error" at "stack underflow"; that
    // reads as procsweep's failure, not a typo in the rule file.
    if ("stack underflow".equals(fragment)) {
      return "unmatched )";
    }
    if (fragment == null || fragment.isEmpty() || fragment.equals(source)) {
      return e.getDescription();
    }
    return e.getDescription() + " at '" + fragment + "'";
  }

  private static boolean negated(String op) {
    return op.equals("ne") || op.equals("not_in");
  }

  private static void expected(String what, FactDef def, Operand o, CompileScope s) {
    String hint = o.value().kind() == RawNode.Kind.NULL
        ? "; use 'exists: false' to test for an unknown value" : "";
    s.error(o.at(), "wrong-type", "expected " + what + " for fact '" + def.name() + "' ("
        + def.type().label() + "), got " + o.value().describe() + o.origin() + hint);
  }
}
