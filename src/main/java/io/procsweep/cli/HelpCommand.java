package io.procsweep.cli;

import io.procsweep.rules.Suggestions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code procsweep help [COMMAND [SUBCOMMAND]]}: the same page as {@code COMMAND --help}.
 * picocli's own help command stops at the first level; this one follows {@code help rules list}
 * down to the subcommand.
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Show a command's help: 'procsweep help scan' is 'procsweep scan --help'.",
    description = {"", "Examples:", "  procsweep help", "  procsweep help clean",
        "  procsweep help rules validate"})
final class HelpCommand implements IHelpCommandInitializable2, Runnable {
  @Parameters(paramLabel = "COMMAND", arity = "0..*",
      description = "The command, then a subcommand (rules list, hook install).")
  List<String> commands = new ArrayList<>();

  private CommandLine self;
  private ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter out,
      PrintWriter err) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = out;
  }

  @Override
  public void run() {
    CommandLine page = self.getParent();
    for (String name : commands) {
      CommandLine next = page.getSubcommands().get(name);
      if (next == null) {
        List<String> names = new ArrayList<>(page.getSubcommands().keySet());
        throw new ParameterException(self, "'" + name + "' is not a command of '"
            + page.getCommandSpec().qualifiedName() + "'"
            + (names.isEmpty() ? "" : Suggestions.didYouMean(name, names)
                + " (commands: " + String.join(", ", names) + ")"));
      }
      page = next;
    }
    page.usage(out, colors);
    out.flush();
  }
}
