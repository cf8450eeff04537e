package io.procsweep.cli;

import picocli.CommandLine;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command's help follows, applied where picocli builds each command from its
 * annotation (so Main, the man pages and the completion script all see it): --version prints
 * procsweep's version, and the page lists the command's own exit codes ({@link ExitCodePages}),
 * with scan's Nagios states as a section of their own. picocli applies a transformer only to
 * the commands a {@code CommandLine} is constructed with, so {@link #applyTo} covers those added
 * later (Main adds its subcommands after construction); applying twice changes nothing.
 */
final class HelpConventions implements IModelTransformer {
  @Override
  public CommandSpec transform(CommandSpec spec) {
    if (spec.mixinStandardHelpOptions()) {
      spec.versionProvider(new ProcsweepCommand.Version());
    }
    Class<?> command = spec.userObject() == null ? null : spec.userObject().getClass();
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCodePages.of(command));
    if (command == ScanCommand.class) {
      NagiosExitCodes.addTo(spec);
    }
    return spec;
  }

  /** Applies the conventions to {@code cl} and every subcommand below it. */
  static void applyTo(CommandLine cl) {
    new HelpConventions().transform(cl.getCommandSpec());
    cl.getSubcommands().values().forEach(HelpConventions::applyTo);
  }
}
