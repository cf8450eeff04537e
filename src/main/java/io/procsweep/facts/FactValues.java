package io.procsweep.facts;

/** The facts of one process, by name; what rules read. */
public interface FactValues {
  /** The value (typed as {@link FactType} says), or null when unknown. */
  Object get(String name);
}
