package io.procsweep.cli;

import io.procsweep.report.TerminalText;
import io.procsweep.rules.DiagnosticPrinter;
import io.procsweep.rules.RuleLoadException;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.state.StateException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The one wiring point: builds the command line, maps errors to exit codes. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    StartupTrace.mark("main");
    boolean debug = Arrays.asList(args).contains("--debug");
    if (debug) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out,
        StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err,
        StandardCharsets.UTF_8), true);
    int code = run(() -> Terminal.detect(System::getenv), out, err, args);
    out.flush();
    err.flush();
    StartupTrace.mark("exit");
    System.exit(code);
  }

  /** Runs procsweep as the command line would, without exiting; for tests. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(Terminal.NONE, out, err, args);
  }

  static int run(Terminal terminal, PrintWriter out, PrintWriter err, String... args) {
    return run(() -> terminal, out, err, args);
  }

  private static int run(Supplier<Terminal> terminal, PrintWriter out, PrintWriter err,
      String... args) {
    ProcsweepCommand root = new ProcsweepCommand(terminal);
    CommandLine cl = commandLine(root, args);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ParameterException e, String[] a) -> {
      CommandLine bad = e.getCommandLine();
      bad.getErr().println("procsweep: " + TerminalText.escape(e.getMessage()));
      // "scna" → "Did you mean: procsweep scan?"; picocli knows the candidates.
      UnmatchedArgumentException.printSuggestions(e, bad.getErr());
      bad.getErr().println("Run '" + bad.getCommandSpec().qualifiedName() + " --help' for usage.");
      if ("scan".equals(bad.getCommandName()) && NagiosFailure.requested(a)) {
        bad.getErr().flush();
        return NagiosFailure.usage(e.getMessage(), bad.getOut());
      }
      return ExitCode.USAGE.code();
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter e = commandLine.getErr();
      int code = handle(ex, e, root.debug);
      e.flush();
      return code;
    });
    StartupTrace.mark("command line built");
    return cl.execute(args);
  }

  /**
   * The command tree with its help as users see it: every command when {@code args} names none
   * (the man-page and completion generators pass none).
   */
  static CommandLine commandLine(ProcsweepCommand root, String... args) {
    CommandLine cl = new CommandLine(root);
    addSubcommands(cl, args);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // run's command starts at its first word, '--' or not: "run make -j4" passes -j4 to make.
    CommandLine run = cl.getSubcommands().get("run");
    if (run != null) {
      run.setStopAtPositional(true);
    }
    HelpConventions.applyTo(cl);
    return cl;
  }

  private static final Set<String> VERSION = Set.of("--version", "-V");

  /**
   * Every command, in the order --help lists them. Built when needed, not in a static field:
   * its class literals load every command class, which --version does not need.
   */
  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("scan", ScanCommand.class);
    m.put("watch", WatchCommand.class);
    m.put("snapshot", SnapshotCommand.class);
    m.put("explain", ExplainCommand.class);
    m.put("plan", PlanCommand.class);
    m.put("clean", CleanCommand.class);
    m.put("rules", RulesCommand.class);
    m.put("run", RunCommand.class);
    m.put("hook", HookCommand.class);
    m.put("schedule", ScheduleCommand.class);
    m.put("help", HelpCommand.class); // "procsweep help scan" is "procsweep scan --help"
    return m;
  }

  /**
   * Registers only the command being run when the first argument names one, all of them
   * otherwise (root help, suggestions for a misspelled name). Why: picocli builds each
   * command's model by reflection, interpreted at start-up; skipping the four unused ones
   * is a measurable share of a short run.
   */
  private static void addSubcommands(CommandLine cl, String[] args) {
    if (args.length > 0 && VERSION.containsAll(Arrays.asList(args))) {
      return; // "procsweep --version" prints one line; no command's model is needed
    }
    String first = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    Map<String, Class<?>> commands = commands();
    Class<?> only = commands.get(first);
    if (only != null && only != HelpCommand.class) { // help needs the command it shows
      cl.addSubcommand(first, only);
      return;
    }
    commands.forEach(cl::addSubcommand);
  }

  static int handle(Exception ex, PrintWriter err, boolean debug) {
    if (ex instanceof RuleLoadException) {
      RuleLoadException r = (RuleLoadException) ex;
      r.diagnostics().forEach(d -> err.println(DiagnosticPrinter.format(d)));
      err.println(r.diagnostics().size() + (r.diagnostics().size() == 1 ? " error" : " errors")
          + " in rule files");
      return ExitCode.USAGE.code();
    }
    if (debug) {
      ex.printStackTrace(err);
    }
    // Messages quote what users and files supplied (a plan's host, a path, an argument):
    // control characters are escaped here, once, for every error sentence.
    if (ex instanceof UserException) {
      err.println("procsweep: " + TerminalText.escape(ex.getMessage()));
      return ExitCode.USAGE.code();
    }
    if (ex instanceof StateException) {
      err.println("procsweep: " + TerminalText.escape(ex.getMessage()));
      return ExitCode.SCAN_FAILED.code();
    }
    if (ex instanceof SnapshotException) {
      err.println("procsweep: cannot read the process table: "
          + TerminalText.escape(ex.getMessage()));
      return ExitCode.SCAN_FAILED.code();
    }
    if (ex instanceof InterruptedException) {
      err.println("procsweep: interrupted");
      Thread.currentThread().interrupt();
      return ExitCode.SCAN_FAILED.code();
    }
    err.println("procsweep: internal error: " + TerminalText.escape(String.valueOf(ex))
        + (debug ? "" : " (run again with --debug for details)"));
    return ExitCode.SCAN_FAILED.code();
  }
}
