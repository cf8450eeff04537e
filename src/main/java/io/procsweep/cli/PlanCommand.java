package io.procsweep.cli;

import io.procsweep.cleanup.Plan;
import io.procsweep.platform.ProcessControls;
import io.procsweep.report.DocumentWriter;
import io.procsweep.report.Format;
import io.procsweep.report.Formats;
import io.procsweep.report.TableOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code procsweep plan}: what cleanup would do, printed or saved; signals nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Scan and print (or save) a cleanup plan; nothing is signalled.",
    description = {
        "One action per target, with the target's identity (pid, start time, name), the"
            + " signals and grace periods, and the finding behind it. Save it with --output and"
            + " carry it out later with 'procsweep clean --plan FILE': every identity is"
            + " re-checked before each signal, so a pid reused in between is never signalled.",
        "",
        "Examples:",
        "  procsweep plan --mode safe",
        "  procsweep plan --mode forced --pid 4242",
        "  procsweep plan --mode forced --user \"$USER\" --match vite -o plan.json"})
final class PlanCommand implements Callable<Integer> {
  @ParentCommand ProcsweepCommand root;

  @Mixin PlanSettings settings = new PlanSettings();

  @Option(names = "--mode", required = true, paramLabel = "safe|forced",
      description = "Required. " + PlanSettings.MODE_HELP)
  String mode;

  @Option(names = {"-f", "--format"}, paramLabel = "table|json",
      description = "Output format. Default: table on a terminal, json otherwise or with --output.")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the plan to FILE (atomically) instead of standard output.")
  Path output;

  @Override
  public Integer call() throws Exception {
    // A format a plan does not have is refused before the scan, not after it.
    Format chosen = OutputFormat.choose(Formats.PLAN, format, output != null, root::terminal);
    Plan plan = Planning.prepare(settings, PlanSettings.modeOrNull(mode),
        ProcessControls.forCurrentOs())
        .plan();
    Planning.checkBlastRadius(plan, settings.maxTargets);
    root.spec.commandLine().getErr().println("procsweep: the plan signals "
        + plan.signalledProcesses() + " process(es) (--max-targets " + settings.maxTargets + ")");
    DocumentWriter<Plan> writer =
        Formats.PLAN.writer(chosen, new TableOptions(root.terminal().columns(), root.colored()));
    CommandOutput.emit(root.spec.commandLine(), output, "plan", w -> writer.write(plan, w));
    return ExitCode.OK.code();
  }
}
