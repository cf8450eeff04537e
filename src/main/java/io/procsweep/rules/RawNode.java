package io.procsweep.rules;

import java.util.List;

/**
 * The YAML of a rule file as a tree that keeps the position of every key and value, so that
 * every later phase (file reading, layering, condition compiling) can point at the token it
 * rejects. Binding straight to Jackson's JsonNode would lose those positions.
 */
sealed interface RawNode permits RawNode.Scalar, RawNode.Seq, RawNode.Map {

  Pos pos();

  /** How the node reads in a message: {@code string 'x'}, {@code a list}, ... */
  String describe();

  /** What YAML made of a scalar; the loader, not YAML, decides what it means for a fact. */
  enum Kind {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    NULL
  }

  /**
   * A scalar.
   *
   * @param text the scalar as written (for numbers and booleans too: {@code yes} stays "yes")
   * @param number the numeric value for INTEGER and FLOAT
   * @param truth the value for BOOLEAN
   */
  record Scalar(Pos pos, Kind kind, String text, double number, boolean truth)
      implements RawNode {

    boolean isNumber() {
      return kind == Kind.INTEGER || kind == Kind.FLOAT;
    }

    /** A literal true or false; YAML 1.1's yes/no/on/off are refused, they are too easy to misread. */
    boolean isStrictBoolean() {
      return kind == Kind.BOOLEAN && (text.equals("true") || text.equals("false"));
    }

    @Override
    public String describe() {
      switch (kind) {
        case STRING:
          return text.isEmpty() ? "an empty value" : "string '" + text + "'";
        case INTEGER:
          return "integer " + text;
        case FLOAT:
          return "number " + text;
        case BOOLEAN:
          return "boolean " + text;
        default:
          return "null";
      }
    }
  }

  /** A sequence. */
  record Seq(Pos pos, List<RawNode> items) implements RawNode {
    public Seq {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A mapping, entries in file order; keys are unique (the reader reports duplicates). */
  record Map(Pos pos, List<Entry> entries) implements RawNode {
    public Map {
      entries = List.copyOf(entries);
    }

    /** The entry for {@code key}, or null. */
    Entry entry(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return e;
        }
      }
      return null;
    }

    /** The value for {@code key}, or null. */
    RawNode get(String key) {
      Entry e = entry(key);
      return e == null ? null : e.value();
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key and its value; {@code keyPos} is where the key is written. */
  record Entry(String key, Pos keyPos, RawNode value) {}
}
