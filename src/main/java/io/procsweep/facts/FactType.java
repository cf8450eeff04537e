package io.procsweep.facts;

/**
 * The type of a fact, and the Java type of its value in {@link FactValues}: INTEGER is {@link
 * Long}, NUMBER is {@link Double}, STRING and STATE are {@link String}, BOOLEAN is {@link
 * Boolean}, STRING_LIST is {@code List<String>}, INTEGER_LIST is {@code List<Long>}. A null value
 * means unknown or not applicable on this platform.
 */
public enum FactType {
  INTEGER("integer"),
  NUMBER("number"),
  STRING("string"),
  BOOLEAN("boolean"),
  /** A string restricted to {@link FactDef#allowedValues()}. */
  STATE("state"),
  STRING_LIST("list of strings"),
  INTEGER_LIST("list of integers");

  private final String label;

  FactType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isList() {
    return this == STRING_LIST || this == INTEGER_LIST;
  }

  public boolean isNumeric() {
    return this == INTEGER || this == NUMBER || this == INTEGER_LIST;
  }
}
