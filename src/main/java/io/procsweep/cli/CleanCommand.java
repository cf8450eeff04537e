package io.procsweep.cli;

import io.procsweep.cleanup.AuditLocation;
import io.procsweep.cleanup.AuditLog;
import io.procsweep.cleanup.Executor;
import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.OutcomeJsonWriter;
import io.procsweep.cleanup.OutcomeTable;
import io.procsweep.cleanup.Plan;
import io.procsweep.cleanup.PlanFormatException;
import io.procsweep.cleanup.PlanJsonReader;
import io.procsweep.cleanup.PlanTable;
import io.procsweep.scan.Sleeper;
import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.ProcessControls;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.snapshot.SnapshotSources;
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
    header = "Carry out a cleanup plan (a fresh one, or one saved by 'procsweep plan').",
    description = {
        "Never signals pid 0 or 1, kernel threads, procsweep or its ancestors, protected"
            + " processes (rule sets' protect:, protected pid files), or, in safe mode, another"
            + " user's processes. Each target's pid + start time + name is re-checked just"
            + " before every signal (through a pidfd on Linux >= 5.3); a mismatch is skipped as"
            + " 'changed'.",
        "Without --yes it shows the plan and asks on a terminal, and refuses (exit 2) without"
            + " one. Every signal sent or skipped is appended to the audit log.", "",
        "Examples:",
        "  procsweep clean --mode safe --dry-run",
        "  procsweep clean --mode forced --match 'vite' --yes",
        "  procsweep clean --plan plan.json --yes --audit /var/log/procsweep-audit.jsonl"})
final class CleanCommand implements Callable<Integer> {
  @ParentCommand ProcsweepCommand root;

  @Mixin PlanSettings settings = new PlanSettings();

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
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    ProcessControl control = ProcessControls.forCurrentOs();
    Plan plan = planFile != null ? savedPlan() : settings.freshPlan(control);
    PrintWriter out = root.spec.commandLine().getOut();
    PrintWriter err = root.spec.commandLine().getErr();
    boolean table = OutputFormat.choose(format, false, root.terminal) == OutputFormat.table;

    if (dryRun) {
      print(Executor.dryRun(plan), table, out);
      return ExitCode.OK.code();
    }
    if (!yes && !confirmed(plan, out, err)) {
      return ExitCode.USAGE.code();
    }
    Outcome outcome;
    Path auditPath = audit != null ? audit : AuditLocation.current(control.currentUid());
    try (AuditLog log = AuditLog.open(auditPath)) {
      outcome = Executor.execute(plan, control, log, Clock.systemUTC(), Sleeper.system());
    } catch (IOException e) {
      throw new UserException("cannot open the audit log " + auditPath + ": " + e.getMessage(),
          e);
    }
    print(outcome, table, out);
    return outcome.exitCode();
  }

  private Plan savedPlan() {
    Plan plan;
    try {
      plan = new PlanJsonReader().read(planFile);
    } catch (NoSuchFileException e) {
      throw new UserException("plan file '" + planFile + "' does not exist");
    } catch (PlanFormatException e) {
      throw new UserException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UserException("cannot read plan file '" + planFile + "': " + e.getMessage(), e);
    }
    if (settings.mode != null && settings.mode() != plan.mode()) {
      throw new UserException("--mode " + settings.mode + " contradicts the plan's mode "
          + plan.mode().label());
    }
    // Read the host name the same way the plan's scan did, so the two compare like for like.
    String here;
    try {
      here = SnapshotSources.create(settings.scan.backend).read(false).host().hostname();
    } catch (SnapshotException e) {
      throw new UserException("cannot read this host's name to check the plan: "
          + e.getMessage(), e);
    }
    if (plan.host() != null && here != null && !plan.host().equals(here)) {
      throw new UserException("plan '" + planFile + "' was made on host '" + plan.host()
          + "', not on this one ('" + here + "')");
    }
    return plan;
  }

  /** Asks on a terminal; without one, refuses: nothing is signalled unattended without --yes. */
  private boolean confirmed(Plan plan, PrintWriter out, PrintWriter err) throws IOException {
    if (!root.terminal.interactive()) {
      err.println("procsweep: refusing to signal without --yes when no terminal is attached"
          + " (preview with --dry-run)");
      return false;
    }
    new PlanTable(root.terminal.columns()).write(plan, out);
    out.print("Carry out this plan? [y/N] ");
    out.flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        .readLine();
    boolean ok = answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    if (!ok) {
      err.println("procsweep: nothing signalled");
    }
    return ok;
  }

  private void print(Outcome o, boolean table, PrintWriter out) throws IOException {
    if (table) {
      new OutcomeTable(root.terminal.columns()).write(o, out);
    } else {
      new OutcomeJsonWriter().write(o, out);
    }
    out.flush();
  }
}
