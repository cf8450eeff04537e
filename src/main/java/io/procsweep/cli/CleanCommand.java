package io.procsweep.cli;

import io.procsweep.cleanup.AuditLocation;
import io.procsweep.cleanup.AuditLog;
import io.procsweep.cleanup.Executor;
import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.PlanFormatException;
import io.procsweep.cleanup.PlanJsonReader;
import io.procsweep.scan.Sleeper;
import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.ProcessControls;
import io.procsweep.report.DocumentWriter;
import io.procsweep.report.Format;
import io.procsweep.report.Formats;
import io.procsweep.report.PlanTable;
import io.procsweep.cleanup.Interruption;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.SavedPlanCheck;
import io.procsweep.platform.Os;
import io.procsweep.report.TableOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code procsweep clean}: carries out a fresh or saved plan, identity-checked per signal. */
@Command(name = "clean", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Carry out a cleanup plan (a fresh one, or one saved by 'procsweep plan').",
    // --mode is required unless --plan brings its own: picocli cannot say that, so it is said
    // here and checked by the command.
    customSynopsis = {
        "procsweep clean --mode=safe|forced [--dry-run | --yes] [OPTIONS]",
        "       procsweep clean --plan=FILE [--dry-run | --yes] [OPTIONS]"},
    description = {
        "Never signals pid 0 or 1, kernel threads, procsweep or its ancestors, protected"
            + " processes (rule sets' protect:, protected pid files), or, in safe mode, another"
            + " user's processes. Each target's pid + start time + name is re-checked just"
            + " before every signal (through a pidfd on Linux >= 5.3); a mismatch is skipped as"
            + " 'changed'.",
        "Before every signal the process is read afresh and the same policy that planned is"
            + " asked again; a refusal is skipped as 'refused'. A saved plan (--plan) is"
            + " untrusted: it runs only where a fresh scan agrees (same host, same rule sets by"
            + " sha256, same process, still a finding of the same rule); scope options narrow"
            + " it.",
        "Without --yes it shows the plan and asks on a terminal (answering no: exit 0, nothing"
            + " done), and refuses (exit 2) without one. A plan signalling more than --max-targets"
            + " processes is refused. Every signal is written to the audit log twice: an intent"
            + " line (fsynced) before it, the result after; if the intent cannot be written"
            + " nothing is sent.",
        "SIGINT, SIGTERM or SIGHUP stop before the next signal, thaw anything frozen, record"
            + " 'interrupted' and print the outcome (exit 130).", "",
        "Examples:",
        "  procsweep clean --mode safe --dry-run",
        "  procsweep clean --mode safe --port 5173",
        "  procsweep clean --mode forced --user \"$USER\" --match 'vite' --yes",
        "  procsweep clean --plan plan.json --yes --audit /srv/ops/procsweep-audit.jsonl"})
final class CleanCommand implements Callable<Integer> {
  @ParentCommand ProcsweepCommand root;

  @Mixin PlanSettings settings = new PlanSettings();

  @Option(names = "--mode", paramLabel = "safe|forced",
      description = "Required, unless --plan gives the plan's own. " + PlanSettings.MODE_HELP)
  String mode;

  @Option(names = "--plan", paramLabel = "FILE",
      description = "Carry out this saved plan instead of scanning now.")
  Path planFile;

  @Option(names = {"-y", "--yes"}, description = "Do not ask before signalling.")
  boolean yes;

  @Option(names = "--dry-run", description = "Show what would be done; signal nothing.")
  boolean dryRun;

  @Option(names = "--audit", paramLabel = "FILE",
      description = "Append a JSON line before and after every signal and unlink (symlinks in"
          + " the path are refused). Default: " + AuditLocation.HELP + ".")
  Path audit;

  @Option(names = {"-f", "--format"}, paramLabel = "table|json",
      description = "Outcome format. Default: table on a terminal, json otherwise.")
  Format format;

  @Override
  public Integer call() throws Exception {
    ProcessControl control = ProcessControls.forCurrentOs();
    Planning.Prepared prepared = planFile != null ? savedPlan(control)
        : Planning.prepare(settings, freshMode(), control);
    Plan plan = prepared.plan();
    Planning.checkBlastRadius(plan, settings.maxTargets);
    PrintWriter out = root.spec.commandLine().getOut();
    PrintWriter err = root.spec.commandLine().getErr();
    DocumentWriter<Outcome> writer = Formats.OUTCOME.writer(
        OutputFormat.choose(Formats.OUTCOME, format, false, root::terminal),
        new TableOptions(root.terminal().columns(), root.colored()));

    if (dryRun) {
      print(Executor.dryRun(plan), writer, out);
      return ExitCode.OK.code();
    }
    if (!yes) {
      if (!root.terminal().interactive()) {
        err.println("procsweep: refusing to signal without --yes when no terminal is attached"
            + " (preview with --dry-run)");
        return ExitCode.USAGE.code();
      }
      if (!confirmed(plan, out)) {
        // The user's own answer, not a mistake: success, with nothing done.
        err.println("procsweep: nothing was done");
        return ExitCode.OK.code();
      }
    }
    Outcome outcome;
    Path auditPath = audit != null ? audit : AuditLocation.current(control.currentUid());
    Interruption interruption = new Interruption();
    try (AuditLog log = AuditLog.open(auditPath);
        Interrupts interrupts = Interrupts.install(interruption)) {
      outcome = new Executor(control, prepared.live(), prepared.policy(), log,
          Clock.systemUTC(), Sleeper.system(), interruption).run(plan);
    } catch (IOException e) {
      throw new UserException("cannot open the audit log " + auditPath + ": " + e.getMessage(),
          e);
    }
    print(outcome, writer, out);
    return outcome.exitCode();
  }

  /**
   * A saved plan, reconciled with a fresh plan made now in its mode with today's rules and the
   * scope options given here (they narrow it): only what both agree on is carried out.
   */
  private Planning.Prepared savedPlan(ProcessControl control) throws Exception {
    Plan saved;
    try {
      saved = new PlanJsonReader().read(planFile);
    } catch (NoSuchFileException e) {
      throw new UserException("plan file '" + planFile + "' does not exist");
    } catch (PlanFormatException e) {
      throw new UserException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UserException("cannot read plan file '" + planFile + "': " + e.getMessage(), e);
    }
    Mode asked = PlanSettings.modeOrNull(mode);
    if (asked != null && asked != saved.mode()) {
      throw new UserException("--mode " + asked.label() + " contradicts the plan's mode "
          + saved.mode().label());
    }
    Planning.Prepared fresh = Planning.prepare(settings, saved.mode(), saved.grace(), control);
    try {
      Plan agreed = SavedPlanCheck.reconcile(saved, fresh.plan(), fresh.plan().host(),
          Os.current().label(), control::identity);
      return new Planning.Prepared(agreed, fresh.policy(), fresh.live());
    } catch (SavedPlanCheck.Mismatch e) {
      throw new UserException("plan '" + planFile + "' cannot be carried out here: "
          + e.getMessage(), e);
    }
  }

  /** A fresh plan needs --mode: the synopsis shows it as required, and this says so. */
  private Mode freshMode() {
    Mode m = PlanSettings.modeOrNull(mode);
    if (m == null) {
      throw new UserException("--mode is needed: safe or forced (or --plan FILE, a saved plan)");
    }
    return m;
  }

  /** Shows the plan and asks on the terminal; only an answer starting with y says yes. */
  private boolean confirmed(Plan plan, PrintWriter out) throws IOException {
    new PlanTable(root.terminal().columns()).write(plan, out);
    out.print("Carry out this plan (signals " + plan.signalledProcesses() + " process(es))? [y/N] ");
    out.flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        .readLine();
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
  }

  private static void print(Outcome o, DocumentWriter<Outcome> writer, PrintWriter out)
      throws IOException {
    writer.write(o, out);
    out.flush();
  }
}
