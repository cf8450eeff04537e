package io.procsweep.facts;

import io.procsweep.snapshot.ReadPlan;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

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
 * @param readsWhere what it needs besides {@code reads} for the processes {@code where} accepts
 *     alone: a read without them leaves the fact unread for those processes, and computes it
 *     for the rest ({@code reparented} asks NSpid only of a subreaper's child)
 * @param where which processes need {@code readsWhere}; it may look at stat fields only
 */
public record FactDef(
    String name,
    FactType type,
    String meaning,
    String platforms,
    List<String> allowedValues,
    Function<FactContext, Object> compute,
    Set<ReadPlan.Source> reads,
    Set<ReadPlan.Source> readsWhere,
    Predicate<FactContext> where) {

  private static final Predicate<FactContext> NOWHERE = c -> false;

  public FactDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    allowedValues = List.copyOf(allowedValues);
    reads = Set.copyOf(reads);
    readsWhere = Set.copyOf(readsWhere);
    where = where == null ? NOWHERE : where;
  }

  /** A fact that needs {@code reads} of every process. */
  public FactDef(String name, FactType type, String meaning, String platforms,
      List<String> allowedValues, Function<FactContext, Object> compute,
      Set<ReadPlan.Source> reads) {
    this(name, type, meaning, platforms, allowedValues, compute, reads, Set.of(), NOWHERE);
  }
}
