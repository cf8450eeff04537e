package io.procsweep.cli;

import io.procsweep.cleanup.PlannerContext;
import io.procsweep.cleanup.pidfile.PidFiles;
import io.procsweep.cleanup.pidfile.PidfileScan;
import io.procsweep.explain.ExplainReport;
import io.procsweep.explain.Explainer;
import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.platform.Os;
import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.ProcessControls;
import io.procsweep.report.DocumentWriter;
import io.procsweep.report.Format;
import io.procsweep.report.Formats;
import io.procsweep.report.TableOptions;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.Scanner;
import io.procsweep.scan.Sleeper;
import io.procsweep.snapshot.Backend;
import io.procsweep.snapshot.SnapshotSources;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code procsweep explain}: everything procsweep knows about one process, or a port's holders. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Explain one process, or whoever holds a port: facts, rules, sockets, plan.",
    description = {
        "Reads the process table once and shows, for the process: its listening sockets and"
            + " every other holder of each; its parents up to pid 1 and its children; its"
            + " session, group, terminal, container and namespace; each rule that matched, and"
            + " for each rule that did not, the first condition that failed with the fact's"
            + " value; what 'procsweep plan' would do in safe and in forced mode, or which"
            + " protection stops it; and every fact with its value. Nothing is signalled.",
        "With --port, explains each process holding a listening socket on that port; when"
            + " nobody does, says so and exits 0.",
        "Prints text on a terminal and " + ExplainReport.SCHEMA + " JSON otherwise.",
        "",
        "Examples:",
        "  procsweep explain 4242",
        "  procsweep explain --port 3000",
        "  procsweep explain --port 5173 --format json | jq '.processes[].plan'",
        "  procsweep explain 4242 --rules my-rules.yaml --sample 0"})
final class ExplainCommand implements Callable<Integer> {
  /** The wait per rung that plan's default --grace gives; the plan section shows it. */
  private static final Duration PLAN_GRACE = Duration.ofSeconds(5);

  @ParentCommand ProcsweepCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PID",
      description = "The process to explain (or give --port).")
  Integer pid;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Explain the holders of the listening sockets on PORT (TCP or UDP) instead.")
  Integer port;

  @Mixin RuleOptions ruleOptions = new RuleOptions();

  @Option(names = "--backend", paramLabel = "auto|proc|oshi", defaultValue = "auto",
      description = "Process table reader, as for scan. Default: ${DEFAULT-VALUE}.")
  Backend backend = Backend.AUTO;

  @Option(names = "--sample", paramLabel = "DURATION", defaultValue = "1s",
      converter = DurationConverter.class,
      description = "Read twice this far apart to measure cpu_percent, as scan does, so explain"
          + " judges the rules as scan and plan do; 0 answers at once with cpu_percent unknown."
          + " Default: ${DEFAULT-VALUE}.")
  Duration sample = Duration.ofSeconds(1);

  @Option(names = {"-f", "--format"}, paramLabel = "table|json",
      description = "Output format. Default: text on a terminal, json otherwise.")
  Format format;

  @Override
  public Integer call() throws Exception {
    if ((pid == null) == (port == null)) {
      throw new UserException(pid == null ? "explain needs a PID or --port PORT"
          : "give either a PID or --port, not both");
    }
    if (pid != null && pid < 1) {
      throw new UserException("PID " + pid + " is not a process id (1 or more)");
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new UserException("--port " + port + " is not a port number (1 to 65535)");
    }
    Format chosen = OutputFormat.choose(Formats.EXPLAIN, format, false, root::terminal);

    FactRegistry facts = FactRegistry.standard();
    RuleSet rules = ruleOptions.load(facts);
    Explainer explainer = explainer(rules, facts);
    ExplainReport report;
    if (pid != null) {
      report = explainer.process(pid, sample)
          .orElseThrow(() -> new UserException("no process has pid " + pid));
    } else {
      report = explainer.port(port, sample);
    }
    DocumentWriter<ExplainReport> writer =
        Formats.EXPLAIN.writer(chosen, new TableOptions(root.terminal().columns(), false));
    CommandOutput.emit(root.spec.commandLine(), null, "explanation",
        w -> writer.write(report, w));
    return ExitCode.OK.code();
  }

  /** The scanner and the planner's view of this procsweep, as scan and plan build them. */
  private Explainer explainer(RuleSet rules, FactRegistry facts) {
    FactDeriver deriver =
        new FactDeriver(facts, new HashSet<>(rules.subreapers()), Os.current().label());
    Scanner scanner = new Scanner(SnapshotSources.create(backend), rules, deriver,
        Clock.systemUTC(), Sleeper.system());
    ProcessControl control = ProcessControls.forCurrentOs();
    // Relative pid-file globs resolve against their rule file's directory (PidfileGlob).
    PidfileScan pidfiles = new PidFiles(control::identity)
        .scan(rules.pidfiles(), rules.protect().pidfiles());
    PlannerContext ctx = PlannerContext.forThisProcess(control.currentUid(),
        pidfiles.protectedPids(), pidfiles.stale(), pidfiles.protectIncomplete(),
        Clock.systemUTC().instant());
    return new Explainer(scanner, deriver, rules, facts, ctx, PLAN_GRACE);
  }
}
