package io.procsweep.rules;

/** A 1-based line and column in a rule file: where a key or value token starts. */
record Pos(int line, int column) {
  static final Pos START = new Pos(1, 1);
}
