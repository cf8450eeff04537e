package io.procsweep.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Phase two of loading: checks one file's YAML tree against the rule-file structure (known keys,
 * field types, enum values, required fields) and returns its sections. Conditions and list items
 * are only kept here; they are compiled after layering, when every list is known.
 */
final class RuleFileReader {
  static final int VERSION = 1;

  private static final List<String> TOP_KEYS = List.of(
      "version", "lists", "subreapers", "pidfiles", "protect", "rules", "override", "disable");
  private static final List<String> RULE_KEYS = List.of(
      "id", "category", "severity", "description", "when", "unless", "cleanup");
  private static final List<String> PROTECT_KEYS =
      List.of("names", "users", "cmdline_regex", "pidfiles");
  private static final List<String> CLEANUP_KEYS = List.of("safe", "forced");

  /** Built-in categories; any other lowercase, hyphenated name is a custom category. */
  static final List<String> CATEGORIES =
      List.of("zombie", "orphan", "stale-listener", "hung", "stale-pidfile");

  private final FileReporter out;

  private RuleFileReader(FileReporter out) {
    this.out = out;
  }

  /** Reads a file's root node; {@code root} is null for an empty or unreadable document. */
  static RawRuleFile read(RawNode root, boolean parsed, FileReporter out) {
    return new RuleFileReader(out).file(root, parsed);
  }

  private RawRuleFile file(RawNode root, boolean parsed) {
    if (!parsed) {
      return RawRuleFile.empty(out);
    }
    if (root == null) {
      out.error(Pos.START, "missing-field",
          "missing required field 'version' (this procsweep reads version " + VERSION + ")",
          null);
      return RawRuleFile.empty(out);
    }
    if (!(root instanceof RawNode.Map)) {
      out.error(root.pos(), "wrong-type",
          "a rule file must be a mapping with keys such as 'version' and 'rules', got "
              + root.describe(), null);
      return RawRuleFile.empty(out);
    }
    RawNode.Map top = (RawNode.Map) root;
    unknownKeys(top, TOP_KEYS, "at the top level", null);
    version(top);
    List<RawRuleFile.RawList> lists = lists(top.get("lists"));
    List<RawNode.Scalar> subreapers = strings(top.get("subreapers"), "subreapers", null);
    List<RawNode.Scalar> pidfiles = strings(top.get("pidfiles"), "pidfiles", null);
    RawRuleFile.RawProtect protect = protect(top.get("protect"));
    List<RawRuleFile.RawRule> rules = entries(top.get("rules"), "rules", false);
    List<RawRuleFile.RawRule> overrides = entries(top.get("override"), "override", true);
    List<RawNode.Scalar> disables = strings(top.get("disable"), "disable", null);
    return new RawRuleFile(out, lists, subreapers, pidfiles, protect, rules, overrides, disables);
  }

  private void version(RawNode.Map top) {
    RawNode.Entry v = top.entry("version");
    if (v == null) {
      out.error(top.pos(), "missing-field",
          "missing required field 'version' (this procsweep reads version " + VERSION + ")",
          null);
      return;
    }
    if (v.value() instanceof RawNode.Scalar) {
      RawNode.Scalar s = (RawNode.Scalar) v.value();
      if (s.kind() == RawNode.Kind.INTEGER && s.number() == VERSION) {
        return;
      }
    }
    out.error(v.value().pos(), "bad-version", "unsupported rule file version "
        + v.value().describe() + "; this procsweep reads version " + VERSION, null);
  }

  private List<RawRuleFile.RawList> lists(RawNode node) {
    List<RawRuleFile.RawList> result = new ArrayList<>();
    if (node == null) {
      return result;
    }
    if (!(node instanceof RawNode.Map)) {
      out.error(node.pos(), "wrong-type",
          "'lists' must be a mapping of list names to lists, got " + node.describe(), null);
      return result;
    }
    for (RawNode.Entry e : ((RawNode.Map) node).entries()) {
      if (!ListRefs.isName(e.key())) {
        out.error(e.keyPos(), "bad-value", "invalid list name '" + e.key()
            + "': use letters, digits, '_' and '-', starting with a letter or '_'", null);
        continue;
      }
      if (!(e.value() instanceof RawNode.Seq)) {
        out.error(e.value().pos(), "wrong-type",
            "list '" + e.key() + "' must be a list of values, got " + e.value().describe(), null);
        continue;
      }
      List<RawNode.Scalar> items = new ArrayList<>();
      for (RawNode item : ((RawNode.Seq) e.value()).items()) {
        if (item instanceof RawNode.Scalar && ((RawNode.Scalar) item).kind() != RawNode.Kind.NULL) {
          items.add((RawNode.Scalar) item);
        } else {
          out.error(item.pos(), "wrong-type", "list '" + e.key()
              + "' may only hold strings, numbers and booleans, got " + item.describe(), null);
        }
      }
      result.add(new RawRuleFile.RawList(e.key(), e.keyPos(), items));
    }
    return result;
  }

  private RawRuleFile.RawProtect protect(RawNode node) {
    if (node == null) {
      return RawRuleFile.RawProtect.EMPTY;
    }
    if (!(node instanceof RawNode.Map)) {
      out.error(node.pos(), "wrong-type", "'protect' must be a mapping, got " + node.describe(),
          null);
      return RawRuleFile.RawProtect.EMPTY;
    }
    RawNode.Map m = (RawNode.Map) node;
    unknownKeys(m, PROTECT_KEYS, "in 'protect'", null);
    return new RawRuleFile.RawProtect(
        strings(m.get("names"), "protect.names", null),
        strings(m.get("users"), "protect.users", null),
        strings(m.get("cmdline_regex"), "protect.cmdline_regex", null),
        strings(m.get("pidfiles"), "protect.pidfiles", null));
  }

  /** The {@code rules:} or {@code override:} sequence. */
  private List<RawRuleFile.RawRule> entries(RawNode node, String section, boolean override) {
    List<RawRuleFile.RawRule> result = new ArrayList<>();
    if (node == null) {
      return result;
    }
    if (!(node instanceof RawNode.Seq)) {
      out.error(node.pos(), "wrong-type",
          "'" + section + "' must be a list of mappings, got " + node.describe(), null);
      return result;
    }
    for (RawNode item : ((RawNode.Seq) node).items()) {
      if (!(item instanceof RawNode.Map)) {
        out.error(item.pos(), "wrong-type", (override ? "an override" : "a rule")
            + " must be a mapping, got " + item.describe(), null);
        continue;
      }
      result.add(entry((RawNode.Map) item, override));
    }
    return result;
  }

  private RawRuleFile.RawRule entry(RawNode.Map m, boolean override) {
    String id = null;
    Pos idPos = m.pos();
    RawNode idNode = m.get("id");
    if (idNode instanceof RawNode.Scalar && ((RawNode.Scalar) idNode).kind() == RawNode.Kind.STRING) {
      id = ((RawNode.Scalar) idNode).text();
      idPos = idNode.pos();
      if (!override && !validId(id)) {
        out.error(idPos, "bad-value", "invalid rule id '" + id + "': use lowercase letters,"
            + " digits, '-', '_' and '.', starting with a letter or digit", id);
      }
    } else if (idNode != null) {
      out.error(idNode.pos(), "wrong-type", "'id' must be a string, got " + idNode.describe(),
          null);
    }
    unknownKeys(m, RULE_KEYS, override ? "in an override" : "in a rule", id);
    if (idNode == null) {
      out.error(m.pos(), "missing-field", "missing required field 'id'", null);
    }
    if (!override) {
      for (String required : List.of("category", "when")) {
        if (m.get(required) == null) {
          out.error(m.pos(), "missing-field", "missing required field '" + required + "'", id);
        }
      }
    }
    String category = category(m.get("category"), id);
    Severity severity = severity(m.get("severity"), id);
    String description = text(m.get("description"), "description", id);
    RawNode when = m.get("when");
    List<RawNode> unless = unless(m.get("unless"), id);
    CleanupSpec cleanup = cleanup(m.get("cleanup"), id);
    return new RawRuleFile.RawRule(m.pos(), id, idPos, category, severity, description, when,
        unless, cleanup);
  }

  static boolean validId(String id) {
    if (id.isEmpty() || !lowerOrDigit(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!lowerOrDigit(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean lowerOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean kebab(String s) {
    if (s.isEmpty() || s.startsWith("-") || s.endsWith("-") || s.contains("--")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!lowerOrDigit(s.charAt(i)) && s.charAt(i) != '-') {
        return false;
      }
    }
    return true;
  }

  private String category(RawNode node, String ruleId) {
    String s = text(node, "category", ruleId);
    if (s == null) {
      return null;
    }
    if (!kebab(s)) {
      String hint = Suggestions.didYouMean(s, CATEGORIES);
      out.error(node.pos(), "bad-value", "invalid category '" + s + "': use "
          + String.join(", ", CATEGORIES) + " or another lowercase, hyphenated name" + hint,
          ruleId);
      return null;
    }
    return s;
  }

  private Severity severity(RawNode node, String ruleId) {
    String s = text(node, "severity", ruleId);
    if (s == null) {
      return null;
    }
    Severity sev = Severity.fromLabel(s);
    if (sev == null) {
      List<String> labels = new ArrayList<>();
      for (Severity v : Severity.values()) {
        labels.add(v.label());
      }
      out.error(node.pos(), "bad-value", invalidChoice("severity", s, labels), ruleId);
    }
    return sev;
  }

  private CleanupSpec cleanup(RawNode node, String ruleId) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof RawNode.Map)) {
      out.error(node.pos(), "wrong-type",
          "'cleanup' must be a mapping with 'safe' and 'forced', got " + node.describe(), ruleId);
      return null;
    }
    RawNode.Map m = (RawNode.Map) node;
    unknownKeys(m, CLEANUP_KEYS, "in 'cleanup'", ruleId);
    // An absent mode means "do nothing" in that mode, never an inherited or guessed action.
    CleanupAction safe = action(m.get("safe"), ruleId);
    CleanupAction forced = action(m.get("forced"), ruleId);
    return new CleanupSpec(safe, forced);
  }

  private CleanupAction action(RawNode node, String ruleId) {
    String s = text(node, "cleanup action", ruleId);
    if (s == null) {
      return CleanupAction.NONE;
    }
    CleanupAction a = CleanupAction.fromLabel(s);
    if (a == null) {
      List<String> labels = new ArrayList<>();
      for (CleanupAction v : CleanupAction.values()) {
        labels.add(v.label());
      }
      out.error(node.pos(), "bad-value", invalidChoice("cleanup action", s, labels), ruleId);
      return CleanupAction.NONE;
    }
    return a;
  }

  private List<RawNode> unless(RawNode node, String ruleId) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof RawNode.Seq)) {
      out.error(node.pos(), "wrong-type",
          "'unless' must be a list of conditions, got " + node.describe(), ruleId);
      return null;
    }
    return ((RawNode.Seq) node).items();
  }

  /** A scalar field read as text (numbers keep their spelling); null when absent or invalid. */
  private String text(RawNode node, String field, String ruleId) {
    if (node == null) {
      return null;
    }
    if (node instanceof RawNode.Scalar) {
      RawNode.Scalar s = (RawNode.Scalar) node;
      if (s.kind() == RawNode.Kind.STRING || s.isNumber()) {
        return s.text();
      }
    }
    out.error(node.pos(), "wrong-type",
        "'" + field + "' must be a string, got " + node.describe(), ruleId);
    return null;
  }

  private List<RawNode.Scalar> strings(RawNode node, String field, String ruleId) {
    List<RawNode.Scalar> result = new ArrayList<>();
    if (node == null) {
      return result;
    }
    if (!(node instanceof RawNode.Seq)) {
      out.error(node.pos(), "wrong-type",
          "'" + field + "' must be a list of strings, got " + node.describe(), ruleId);
      return result;
    }
    for (RawNode item : ((RawNode.Seq) node).items()) {
      if (item instanceof RawNode.Scalar
          && (((RawNode.Scalar) item).kind() == RawNode.Kind.STRING
              || ((RawNode.Scalar) item).isNumber())) {
        result.add((RawNode.Scalar) item);
      } else {
        out.error(item.pos(), "wrong-type",
            "'" + field + "' must be a list of strings, got " + item.describe(), ruleId);
      }
    }
    return result;
  }

  private void unknownKeys(RawNode.Map m, List<String> allowed, String where, String ruleId) {
    for (RawNode.Entry e : m.entries()) {
      if (!allowed.contains(e.key())) {
        out.error(e.keyPos(), "unknown-key", "unknown key '" + e.key() + "' " + where
            + Suggestions.didYouMean(e.key(), allowed), ruleId);
      }
    }
  }

  /** "invalid severity 'hgh' (did you mean 'high'?)", or the valid choices when none is near. */
  static String invalidChoice(String what, String value, List<String> choices) {
    String hint = Suggestions.didYouMean(value, choices);
    if (!hint.isEmpty()) {
      return "invalid " + what + " '" + value + "'" + hint;
    }
    return "invalid " + what + " '" + value + "': use one of " + String.join(", ", choices);
  }
}
