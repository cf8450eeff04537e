package io.procsweep.cli;

import io.procsweep.cleanup.AuditLocation;
import io.procsweep.cleanup.AuditLog;
import io.procsweep.cleanup.Interruption;
import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.TargetOutcome;
import io.procsweep.facts.FactRegistry;
import io.procsweep.leak.Leak;
import io.procsweep.leak.LeakCleanup;
import io.procsweep.leak.LeakGuard;
import io.procsweep.leak.RunJsonWriter;
import io.procsweep.leak.RunReport;
import io.procsweep.leak.RunTable;
import io.procsweep.leak.SignalForwarding;
import io.procsweep.platform.ChildReaper;
import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.ProcessControls;
import io.procsweep.report.Format;
import io.procsweep.report.TableOptions;
import io.procsweep.report.TerminalText;
import io.procsweep.scan.Sleeper;
import io.procsweep.snapshot.Backend;
import io.procsweep.snapshot.ProcessKey;
import io.procsweep.snapshot.SnapshotSource;
import io.procsweep.snapshot.SnapshotSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code procsweep run -- COMMAND...}: the leak guard (README "Leak guard: procsweep run"). */
@Command(name = "run", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Run a command and report every process it leaves behind.",
    description = {
        "Runs COMMAND with stdin, stdout and stderr passed through; SIGINT, SIGTERM and SIGHUP"
            + " go to it. On Linux procsweep is a child subreaper, so double-forked and"
            + " setsid'd descendants come back to it (their zombies are reaped while the"
            + " command runs). Every descendant also inherits PROCSWEEP_RUN_ID=<random> (an"
            + " empty, 0 or off value never matches). Processes that existed before the"
            + " command are never counted.",
        "After the command exits, what it left gets --grace to end by itself; then sweeps"
            + " repeat until one finds nothing new. Every leaked process is listed (stderr, and"
            + " the report) before any is ended.",
        "Exit: the command's own code when it failed; else 1 with --fail-on-leak and a leak;"
            + " else 0.", "",
        "Examples:",
        "  procsweep run --fail-on-leak -- npm test",
        "  procsweep run --kill-leaked --format json --output leaks.json -- make check"})
final class RunCommand implements Callable<Integer> {
  /** Rounds of "end what was found, sweep again" for --kill-leaked. */
  static final int MAX_KILL_ROUNDS = 3;
  /** Leaks named on stderr; the report has them all. */
  static final int NOTICE_LINES = 10;

  @ParentCommand ProcsweepCommand root;

  @Option(names = "--fail-on-leak", description = "Exit 1 when the command leaked a process"
      + " (and exited 0 itself).")
  boolean failOnLeak;

  @Option(names = "--kill-leaked", description = "End the leaked processes through the forced"
      + " cleanup policy (tree frozen, SIGTERM, SIGTERM, SIGKILL; identity re-checked before"
      + " every signal; audit log), then sweep again for what they spawned meanwhile.")
  boolean killLeaked;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How long what the command left may take to exit by itself, and with"
          + " --kill-leaked the wait after each signal. Default: ${DEFAULT-VALUE}.")
  Duration grace = Duration.ofSeconds(1);

  @Option(names = {"-f", "--format"}, paramLabel = "table|json",
      description = "Report format. Default: table on a terminal, json otherwise or with"
          + " --output.")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE (atomically) instead of standard output.")
  Path output;

  @Option(names = "--audit", paramLabel = "FILE",
      description = "With --kill-leaked: the audit log. Default: " + AuditLocation.HELP + ".")
  Path audit;

  @Parameters(paramLabel = "COMMAND", arity = "1..*",
      description = "The command and its arguments, after '--'.")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Format chosen = chosenFormat();
    if (grace.isNegative() || grace.toHours() >= 1) {
      throw new UserException("--grace must be between 0 and one hour");
    }
    PrintWriter err = root.spec.commandLine().getErr();
    SnapshotSource source = SnapshotSources.create(Backend.AUTO);
    ChildReaper reaper = ChildReaper.forCurrentOs();
    LeakGuard guard = new LeakGuard(source, reaper, LeakGuard.procEnvironMarker(),
        Clock.systemUTC(), Sleeper.system());
    LeakGuard.Result run;
    try {
      run = guard.run(command, grace, new SignalForwarding(reaper));
    } catch (IOException e) {
      throw new UserException("cannot run '" + command.get(0) + "': " + e.getMessage(), e);
    }
    List<Leak> all = new ArrayList<>(run.leaks());
    notice(err, all);

    Map<Integer, String> cleanup = new TreeMap<>();
    Optional<Integer> cleanupExit = Optional.empty();
    if (killLeaked && !all.isEmpty()) {
      cleanupExit = Optional.of(endLeaks(guard, source, all, cleanup, err));
    }
    RunReport report = new RunReport(run, all, killLeaked, cleanup, cleanupExit);
    boolean table = chosen == Format.table;
    CommandOutput.emit(root.spec.commandLine(), output, "report", w -> {
      if (table) {
        new RunTable(new TableOptions(root.terminal().columns(),
            output == null && root.colored())).write(report, w);
      } else {
        new RunJsonWriter().write(report, w);
      }
    });
    if (run.exitCode() != 0) {
      return run.exitCode();
    }
    return failOnLeak && !all.isEmpty() ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
  }

  /**
   * Ends the leaks in rounds: plan and carry out, then sweep again; what appeared meanwhile
   * (spawned while its parent was being ended) is listed, then ended in the next round.
   *
   * @return the worst cleanup exit code of the rounds
   */
  private int endLeaks(LeakGuard guard, SnapshotSource source, List<Leak> all,
      Map<Integer, String> statuses, PrintWriter err) throws Exception {
    ProcessControl control = ProcessControls.forCurrentOs();
    Interruption interruption = new Interruption();
    LeakCleanup cleanup = new LeakCleanup(control, source,
        new RuleOptions().load(FactRegistry.standard()), grace, Clock.systemUTC(),
        Sleeper.system(), interruption);
    Path auditPath = audit != null ? audit : AuditLocation.current(control.currentUid());
    int worst = 0;
    Set<ProcessKey> handled = new HashSet<>();
    List<Leak> round = all;
    try (AuditLog log = AuditLog.open(auditPath);
        Interrupts interrupts = Interrupts.install(interruption)) {
      for (int r = 1; r <= MAX_KILL_ROUNDS && !round.isEmpty(); r++) {
        round.forEach(l -> handled.add(l.process().key()));
        Outcome o = cleanup.run(cleanup.plan(round), log);
        for (TargetOutcome t : o.targets()) {
          if (t.target() != null) {
            statuses.put(t.target().pid(), t.status().label());
          }
        }
        worst = Math.max(worst, o.exitCode());
        if (o.interrupted()) {
          break;
        }
        List<Leak> next = new ArrayList<>();
        for (Leak l : guard.sweepAgain()) {
          if (!handled.contains(l.process().key())) {
            next.add(new Leak(l.process(), l.adopted(), l.marked(), l.listening(), r + 1));
          }
        }
        notice(err, next);
        all.addAll(next);
        round = next;
      }
    } catch (IOException e) {
      throw new UserException("cannot open the audit log " + auditPath + ": " + e.getMessage(),
          e);
    }
    return worst;
  }

  /** A few lines on stderr naming the leaks, before any is ended; the report has them all. */
  private static void notice(PrintWriter err, List<Leak> leaks) {
    int shown = 0;
    for (Leak l : leaks) {
      if (shown++ == NOTICE_LINES) {
        err.println("procsweep: ... and " + (leaks.size() - NOTICE_LINES) + " more leaked");
        break;
      }
      String cmd = l.process().cmdline().isEmpty() ? l.process().name()
          : String.join(" ", l.process().cmdline());
      err.println("procsweep: leaked pid " + l.pid() + " (ppid " + l.process().ppid() + ", "
          + TerminalText.escape(String.valueOf(l.process().user())) + "): "
          + TerminalText.escape(cmd));
    }
    err.flush();
  }

  private Format chosenFormat() {
    if (format == null) {
      return output == null && root.terminal().stdout() ? Format.table : Format.json;
    }
    if (format != Format.table && format != Format.json) {
      throw new UserException("a run report cannot be written as " + format
          + "; use table or json");
    }
    return format;
  }
}
