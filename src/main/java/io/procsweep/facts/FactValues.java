package io.procsweep.facts;

/** The facts of one process, by name; what rules read. */
public interface FactValues {
  /** The value (typed as {@link FactType} says), or null when unknown. */
  Object get(String name);

  /**
   * Whether the sources of fact {@code name} were read. False when a scan skipped them for now
   * (it reads them only for the processes whose rules still depend on them): the value then
   * says nothing, not even "unknown".
   */
  default boolean isRead(String name) {
    return true;
  }
}
