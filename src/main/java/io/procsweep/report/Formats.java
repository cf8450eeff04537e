package io.procsweep.report;

import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.Plan;
import io.procsweep.explain.ExplainReport;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The format registry: for every kind of document a command prints, which formats write it and
 * how. Commands ask here instead of choosing a writer inline, so a new format (prometheus,
 * nagios) is added in one place and a command refuses a format its document does not have:
 * {@code scan} writes table, json, junit, markdown, prometheus and nagios; {@code plan} and
 * {@code clean} table and json. Each writer is given only its own options from {@link
 * WriterOptions}.
 */
public final class Formats {
  /** The findings of {@code scan}. */
  public static final Kind<Report> SCAN = new Kind<Report>("a scan report")
      .with(Format.table, options -> new TableReportWriter(options.table()))
      .with(Format.json, options -> new JsonReportWriter())
      .with(Format.junit, options -> new JunitReportWriter())
      .with(Format.markdown, options -> new MarkdownReportWriter())
      .with(Format.prometheus, options -> new PrometheusReportWriter())
      .with(Format.nagios, options -> new NagiosReportWriter(options.nagios()));

  /** What {@code plan} (and {@code clean} before it asks) shows. */
  public static final Kind<Plan> PLAN = new Kind<Plan>("a plan")
      .with(Format.table, options -> new PlanTable(options.table())::write)
      .with(Format.json, options -> new PlanJsonWriter()::write);

  /** What {@code clean} did. */
  public static final Kind<Outcome> OUTCOME = new Kind<Outcome>("an outcome")
      .with(Format.table, options -> new OutcomeTable(options.table())::write)
      .with(Format.json, options -> new OutcomeJsonWriter()::write);

  /** What {@code explain} prints: everything known about a process (or a port's holders). */
  public static final Kind<ExplainReport> EXPLAIN = new Kind<ExplainReport>("an explanation")
      .with(Format.table, options -> new ExplainText(options.table().width())::write)
      .with(Format.json, options -> new ExplainJsonWriter()::write);

  private Formats() {}

  /** One kind of document and its writers by format. */
  public static final class Kind<T> {
    private final String name;
    private final Map<Format, Function<WriterOptions, DocumentWriter<T>>> writers =
        new EnumMap<>(Format.class);

    private Kind(String name) {
      this.name = name;
    }

    private Kind<T> with(Format f, Function<WriterOptions, DocumentWriter<T>> writer) {
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
     * the others ignore it, and nagios judges with {@link NagiosThresholds#DEFAULT}.
     *
     * @throws IllegalArgumentException if this document has no such format (check {@link
     *     #supports} first)
     */
    public DocumentWriter<T> writer(Format f, TableOptions layout) {
      return writer(f, new WriterOptions(layout, NagiosThresholds.DEFAULT));
    }

    /**
     * The writer for {@code f}, given the options of every format; each writer takes its own.
     *
     * @throws IllegalArgumentException if this document has no such format
     */
    public DocumentWriter<T> writer(Format f, WriterOptions options) {
      Function<WriterOptions, DocumentWriter<T>> w = writers.get(f);
      if (w == null) {
        throw new IllegalArgumentException(name + " cannot be written as " + f);
      }
      return w.apply(options);
    }
  }
}
