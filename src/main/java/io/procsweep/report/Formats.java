package io.procsweep.report;

import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.Plan;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The format registry: for every kind of document a command prints, which formats write it and
 * how. Commands ask here instead of choosing a writer inline, so a new format (prometheus,
 * nagios) is added in one place and a command refuses a format its document does not have:
 * {@code scan} writes table, json, junit and markdown; {@code plan} and {@code clean} table and
 * json.
 */
public final class Formats {
  /** The findings of {@code scan}. */
  public static final Kind<Report> SCAN = new Kind<Report>("a scan report")
      .with(Format.table, TableReportWriter::new)
      .with(Format.json, layout -> new JsonReportWriter())
      .with(Format.junit, layout -> new JunitReportWriter())
      .with(Format.markdown, layout -> new MarkdownReportWriter());

  /** What {@code plan} (and {@code clean} before it asks) shows. */
  public static final Kind<Plan> PLAN = new Kind<Plan>("a plan")
      .with(Format.table, layout -> new PlanTable(layout.width())::write)
      .with(Format.json, layout -> new PlanJsonWriter()::write);

  /** What {@code clean} did. */
  public static final Kind<Outcome> OUTCOME = new Kind<Outcome>("an outcome")
      .with(Format.table, layout -> new OutcomeTable(layout.width())::write)
      .with(Format.json, layout -> new OutcomeJsonWriter()::write);

  private Formats() {}

  /** One kind of document and its writers by format. */
  public static final class Kind<T> {
    private final String name;
    private final Map<Format, Function<TableOptions, DocumentWriter<T>>> writers =
        new EnumMap<>(Format.class);

    private Kind(String name) {
      this.name = name;
    }

    private Kind<T> with(Format f, Function<TableOptions, DocumentWriter<T>> writer) {
      writers.put(f, writer);
      return this;
    }

    /** "a plan": for messages such as "a plan cannot be written as junit". */
    public String name() {
      return name;
    }

    /** The formats this document can be written in, in declaration order. */
    public Set<Format> formats() {
      return Collections.unmodifiableSet(writers.keySet());
    }

    public boolean supports(Format f) {
      return writers.containsKey(f);
    }

    /**
     * The writer for {@code f}; {@code layout} is for the formats that lay text out (tables),
     * the others ignore it.
     *
     * @throws IllegalArgumentException if this document has no such format (check {@link
     *     #supports} first)
     */
    public DocumentWriter<T> writer(Format f, TableOptions layout) {
      Function<TableOptions, DocumentWriter<T>> w = writers.get(f);
      if (w == null) {
        throw new IllegalArgumentException(name + " cannot be written as " + f);
      }
      return w.apply(layout);
    }
  }
}
