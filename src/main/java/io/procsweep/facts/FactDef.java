package io.procsweep.facts;

import io.procsweep.snapshot.ReadPlan;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.function.Function;

/**
 * One named, typed fact: its documentation and how it is computed.
 *
 * @param name the name rules use
 * @param type value type
 * @param meaning one-line explanation for {@code procsweep rules facts}
 * @param platforms where it is known ({@code all}, {@code linux}, ...)
 * @param allowedValues for STATE facts, the valid values; empty otherwise
 * @param compute derives the value from a process in its snapshot
 * @param reads what of the process's own data it needs read besides {@code stat} (a read plan
 *     that leaves one out leaves the fact null); other processes' stat fields and the listeners
 *     of the whole table count as the process's own here
 */
public record FactDef(
    String name,
    FactType type,
    String meaning,
    String platforms,
    List<String> allowedValues,
    Function<FactContext, Object> compute,
    Set<ReadPlan.Source> reads) {

  public FactDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    allowedValues = List.copyOf(allowedValues);
    reads = Set.copyOf(reads);
  }
}
