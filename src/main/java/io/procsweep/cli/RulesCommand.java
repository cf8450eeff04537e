package io.procsweep.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procsweep.facts.FactDef;
import io.procsweep.facts.FactRegistry;
import io.procsweep.report.TextTable;
import io.procsweep.report.TextTable.Column;
import io.procsweep.rules.Rule;
import io.procsweep.rules.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code procsweep rules}: validate rule files, list the loaded rules, document the facts. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Validate rule files, list loaded rules, and list the facts rules can test.",
    description = {"", "Examples:", "  procsweep rules validate my-rules.yaml",
        "  procsweep rules list --rules my-rules.yaml", "  procsweep rules facts"},
    subcommands = {RulesCommand.Validate.class, RulesCommand.ListRules.class,
        RulesCommand.Facts.class})
final class RulesCommand implements Runnable {
  /** What rule and fact listings print in: the scan formats (junit, markdown) do not apply. */
  enum Format { table, json }

  @ParentCommand ProcsweepCommand root;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(root.spec.commandLine().getSubcommands()
        .get("rules"), "a subcommand is needed: validate, list or facts");
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      modelTransformer = HelpConventions.class,
      header = "Check rule files without scanning; exit 2 and print every error if any.",
      description = {"Files are layered on the shipped rules (so override/disable of shipped ids"
          + " work) unless --no-default-rules.", "",
          "Example:", "  procsweep rules validate my-rules.yaml"})
  static final class Validate implements Callable<Integer> {
    @ParentCommand RulesCommand parent;

    @Mixin RuleOptions ruleOptions = new RuleOptions();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Rule files or folders.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      List<Path> all = new ArrayList<>(ruleOptions.rulePaths);
      all.addAll(files);
      RuleSet rules = new io.procsweep.rules.RuleLoader(FactRegistry.standard())
          .load(ruleOptions.inputs(all));
      parent.root.spec.commandLine().getOut().println("ok: " + rules.rules().size()
          + " rules from " + rules.sources().size() + " files");
      return ExitCode.OK.code();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      modelTransformer = HelpConventions.class,
      header = "List the rules a scan would apply, after layering.",
      description = {"", "Examples:", "  procsweep rules list",
          "  procsweep rules list --rules my-rules.yaml --format json",
          "  procsweep rules list --no-default-rules --rules my-rules.yaml"})
  static final class ListRules implements Callable<Integer> {
    @ParentCommand RulesCommand parent;

    @Mixin RuleOptions ruleOptions = new RuleOptions();

    @Option(names = {"-f", "--format"}, paramLabel = "table|json", defaultValue = "table",
        description = "Output format. Default: ${DEFAULT-VALUE}.")
    Format format = Format.table;

    @Override
    public Integer call() throws Exception {
      RuleSet rules = ruleOptions.load(FactRegistry.standard());
      PrintWriter out = parent.root.spec.commandLine().getOut();
      if (format == Format.json) {
        try (JsonGenerator g = json(out)) {
          g.writeStartArray();
          for (Rule r : rules.rules()) {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            g.writeStringField("category", r.category());
            g.writeStringField("severity", r.severity().label());
            g.writeStringField("description", r.description());
            g.writeStringField("safe", r.cleanup().safe().label());
            g.writeStringField("forced", r.cleanup().forced().label());
            g.writeStringField("source", r.source());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        out.println();
      } else {
        TextTable table = columns("ID", "CATEGORY", "SEVERITY", "SOURCE", "DESCRIPTION");
        for (Rule r : rules.rules()) {
          table.add(r.id(), r.category(), r.severity().label(), r.source(),
              r.description() == null ? "" : r.description());
        }
        out.print(table.render(TextTable.UNBOUNDED));
      }
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(name = "facts", mixinStandardHelpOptions = true,
      modelTransformer = HelpConventions.class,
      header = "List every fact rules can test: name, type, platforms, meaning.",
      description = {"", "Examples:", "  procsweep rules facts",
          "  procsweep rules facts --format json | jq -r '.[].name'"})
  static final class Facts implements Callable<Integer> {
    @ParentCommand RulesCommand parent;

    @Option(names = {"-f", "--format"}, paramLabel = "table|json", defaultValue = "table",
        description = "Output format. Default: ${DEFAULT-VALUE}.")
    Format format = Format.table;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = parent.root.spec.commandLine().getOut();
      List<FactDef> defs = FactRegistry.standard().all();
      if (format == Format.json) {
        try (JsonGenerator g = json(out)) {
          g.writeStartArray();
          for (FactDef d : defs) {
            g.writeStartObject();
            g.writeStringField("name", d.name());
            g.writeStringField("type", d.type().label());
            g.writeStringField("platforms", d.platforms());
            g.writeStringField("meaning", d.meaning());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        out.println();
      } else {
        TextTable table = columns("FACT", "TYPE", "PLATFORMS", "MEANING");
        for (FactDef d : defs) {
          table.add(d.name(), d.type().label(), d.platforms(), d.meaning());
        }
        out.print(table.render(TextTable.UNBOUNDED));
      }
      out.flush();
      return ExitCode.OK.code();
    }
  }

  private static JsonGenerator json(PrintWriter out) throws IOException {
    return new ObjectMapper().getFactory().createGenerator(out)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter();
  }

  /**
   * Left-aligned columns with nothing cut, the last one unpadded: scripts grep these lines, and
   * rule texts come from files anyone may hand us, so they are escaped like process names.
   */
  private static TextTable columns(String... headers) {
    Column[] columns = new Column[headers.length];
    for (int i = 0; i < headers.length; i++) {
      columns[i] = Column.left(headers[i]);
    }
    return new TextTable(0, columns);
  }
}
