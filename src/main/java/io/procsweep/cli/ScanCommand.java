package io.procsweep.cli;

import io.procsweep.facts.FactRegistry;
import io.procsweep.report.DocumentWriter;
import io.procsweep.report.Format;
import io.procsweep.report.Formats;
import io.procsweep.report.GithubAnnotations;
import io.procsweep.report.JsonReportWriter;
import io.procsweep.report.NagiosCheck;
import io.procsweep.report.NagiosThresholds;
import io.procsweep.report.Report;
import io.procsweep.report.TableOptions;
import io.procsweep.report.TerminalText;
import io.procsweep.report.WriterOptions;
import io.procsweep.rules.RuleSet;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Baseline;
import io.procsweep.scan.BaselineException;
import io.procsweep.scan.Finding;
import io.procsweep.scan.ScanResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code procsweep scan}: snapshot → facts → findings → report, with an optional CI gate. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Scan every process and report zombies, orphans, stale listeners and hung processes.",
    description = {
        "Prints a table on a terminal and the " + JsonReportWriter.SCHEMA + " JSON otherwise: one",
        "finding per process, listing every rule it matched.",
        "With --fail-on, exits 1 when a finding is at or above that severity (a CI gate), and",
        "says on stderr which findings failed it.", "",
        "Examples:",
        "  procsweep scan",
        "  procsweep scan --format json --output scan.json",
        "  procsweep scan --fail-on high --sample 0",
        "  procsweep scan --rules my-rules.yaml --category orphan,stale-listener",
        "  procsweep scan --port 5173 --sample 0",
        "  procsweep scan --repo . --sample 0",
        "  procsweep scan --baseline before.json --fail-on high",
        "  procsweep scan --format prometheus --output /var/lib/prometheus/node-exporter/procsweep.prom",
        "  procsweep scan --format nagios --warning 0 --critical 5"})
final class ScanCommand implements Callable<Integer> {
  private static final DateTimeFormatter SAVE_NAME =
      DateTimeFormatter.ofPattern("'scan-'yyyyMMdd'T'HHmmss'Z.json'").withZone(ZoneOffset.UTC);

  @ParentCommand ProcsweepCommand root;

  @Mixin ScanSettings settings = new ScanSettings();
  @Mixin StateOptions state = new StateOptions();

  @Option(names = {"-f", "--format"},
      paramLabel = "table|json|junit|markdown|prometheus|nagios",
      description = "Output format: junit for CI test reports, markdown for"
          + " $GITHUB_STEP_SUMMARY, prometheus for node_exporter's textfile collector (name the"
          + " --output file *.prom), nagios for a Nagios plugin line with performance data (exit"
          + " code: the Nagios state). Default: table on a terminal, json otherwise or with"
          + " --output. On GitHub Actions, high and critical findings are also annotated"
          + " (at most 10 ::error lines on stderr).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE (atomically, mode 0644; a FIFO or device is"
          + " written to as with '>') instead of standard output.")
  Path output;

  @Option(names = "--save",
      description = "Also save the JSON report as reports/scan-<UTC time>.json (a symlink on"
          + " the way is refused).")
  boolean save;

  @Option(names = "--width", paramLabel = "COLUMNS",
      description = "Table width; long command lines are cut to fit. Default: the terminal's"
          + " width, else $COLUMNS, else 80.")
  Integer width;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
      description = "Exit 1 when a finding is at or above SEVERITY (info, low, medium, high,"
          + " critical, none). Default: none (never fail).")
  Severity failOn;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Report only findings that are not in FILE, an earlier JSON report (scan"
          + " --format json): a rule that matched the same process (pid, start time and name)"
          + " there is left out. The gate judges what is left.")
  Path baseline;

  @Mixin NagiosOptions nagios = new NagiosOptions();

  @Option(names = {"-q", "--quiet"},
      description = "Print nothing on standard output unless there are findings, and no notes"
          + " on stderr (errors and warnings stay): for cron, which mails whatever a job prints."
          + " --output FILE is still written.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (format != Format.nagios) {
      return scanAndReport();
    }
    try {
      return scanAndReport();
    } catch (Exception e) {
      return NagiosFailure.report(e, root.spec.commandLine().getOut(),
          root.spec.commandLine().getErr(), root.debug);
    }
  }

  private int scanAndReport() throws Exception {
    StartupTrace.mark("scan parsed");
    NagiosThresholds thresholds = nagios.thresholds(format, failOn);
    if (width != null && width < 40) {
      throw new UserException("--width must be at least 40 columns, got " + width);
    }
    Baseline known = readBaseline();
    FactRegistry facts = FactRegistry.standard();
    RuleSet rules = settings.loadRules(facts);
    StartupTrace.mark("rules loaded");
    settings.quiet = quiet;
    ScanResult result = state.scan(settings, rules, facts);
    StartupTrace.mark("scanned");
    if (known != null) {
      result = leaveOutKnown(known, result);
    }
    boolean failed = failOn != null
        && result.findings().stream().map(Finding::severity).anyMatch(s -> s.atLeast(failOn));
    Report report = new Report(ProcsweepCommand.version(), result, failOn, failed);

    Format chosen = OutputFormat.choose(Formats.SCAN, format, output != null, root::terminal);
    // Only a table asks the terminal's width and colors (JSON for a pipe never loads libc).
    TableOptions layout = chosen != Format.table ? TableOptions.defaults() : new TableOptions(
        width != null ? width : root.terminal().columns(), output == null && root.colored());
    DocumentWriter<Report> writer =
        Formats.SCAN.writer(chosen, new WriterOptions(layout, thresholds));
    // A Nagios plugin always prints its one line, --quiet or not.
    if (!quiet || chosen == Format.nagios) {
      CommandOutput.emit(root.spec.commandLine(), output, "report", w -> writer.write(report, w));
    } else if (output != null) {
      CommandOutput.writeOutput(output, w -> writer.write(report, w));
    } else if (!result.findings().isEmpty()) {
      CommandOutput.emit(root.spec.commandLine(), null, "report", w -> writer.write(report, w));
    }
    StartupTrace.mark("report written");
    if (GithubAnnotations.enabled(System::getenv)) {
      GithubAnnotations.write(result.findings(), root.spec.commandLine().getErr());
    }
    if (save) {
      Path saved = Path.of("reports").resolve(SAVE_NAME.format(result.startedAt()));
      CommandOutput.saveFile(saved, w -> new JsonReportWriter().write(report, w));
      if (!quiet) {
        root.spec.commandLine().getErr().println("procsweep: report saved to " + saved);
      }
    }
    if (failed) {
      // After the report: the last lines of a CI log are what people read.
      PrintWriter err = root.spec.commandLine().getErr();
      GateSummary.lines(result.findings(), failOn).forEach(err::println);
      err.flush();
    }
    if (chosen == Format.nagios) {
      return ExitCode.of(NagiosCheck.of(report, thresholds).status()).code();
    }
    return failed ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
  }

  /** Read before scanning, so a bad file costs no scan. */
  private Baseline readBaseline() {
    if (baseline == null) {
      return null;
    }
    try {
      return Baseline.read(baseline);
    } catch (BaselineException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  private ScanResult leaveOutKnown(Baseline baselineFindings, ScanResult result) {
    ScanResult fresh = baselineFindings.filter(result);
    int kept = fresh.findings().size();
    int known = result.findings().size() - kept;
    if (quiet) {
      return fresh;
    }
    PrintWriter err = root.spec.commandLine().getErr();
    err.println("procsweep: --baseline " + TerminalText.escape(baseline.toString()) + ": "
        + kept + " new " + (kept == 1 ? "finding" : "findings") + ", " + known
        + " already in it left out");
    err.flush();
    return fresh;
  }
}
