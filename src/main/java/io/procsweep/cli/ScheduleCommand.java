package io.procsweep.cli;

import io.procsweep.platform.Os;
import io.procsweep.platform.ProcessControls;
import io.procsweep.schedule.Cron;
import io.procsweep.schedule.ScheduleException;
import io.procsweep.schedule.ScheduledScan;
import io.procsweep.schedule.Schtasks;
import io.procsweep.schedule.Spans;
import io.procsweep.schedule.Systemd;
import io.procsweep.schedule.UnitFile;
import io.procsweep.state.StateLocation;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code procsweep schedule}: prints (or, for systemd, writes) what runs a scan on a schedule.
 * The generators live in {@code schedule/}; this class only resolves paths on this machine.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = HelpConventions.class,
    header = "Print a crontab line, a systemd service and timer, or a schtasks command that"
        + " scans on a schedule.",
    description = {"The job runs 'procsweep scan --sample 0 --state FILE --save --quiet' in"
        + " the state file's directory (--save writes reports/ there; --quiet prints only"
        + " findings, for cron mail), and with --textfile-dir also"
        + " '--format prometheus --output DIR/procsweep.prom' for node_exporter's textfile"
        + " collector. Scan options after '--' are passed on.", "",
        "Examples:",
        "  procsweep schedule --every 15m --target cron",
        "  procsweep schedule --every 5m --target cron -- --fail-on high",
        "  procsweep schedule --every 1m --target systemd --textfile-dir /srv/prom",
        "  procsweep schedule --every 15m --target systemd --output-dir /tmp/units",
        "  procsweep schedule --every 1h --target windows --command C:\\ps\\ps.cmd"})
final class ScheduleCommand implements Callable<Integer> {
  /** Set by the ./procsweep launcher: the launcher's own absolute path. */
  static final String LAUNCHER_PROPERTY = "procsweep.launcher";
  static final String ROOT_STATE = "/var/lib/procsweep/state.json"; // StateLocation.ROOT_FILE
  static final String WINDOWS_STATE = "C:\\ProgramData\\procsweep\\state.json";

  enum Target { cron, systemd, windows }

  @ParentCommand ProcsweepCommand root;

  @Option(names = "--every", required = true, paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often: cron takes 1m..30m dividing an hour, 1h..12h dividing a day, or"
          + " 24h; systemd any whole seconds; windows whole minutes, hours or days.")
  Duration every;

  @Option(names = "--target", required = true, paramLabel = "cron|systemd|windows",
      description = "What to print.")
  Target target;

  @Option(names = "--state", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
      description = "The state file the job keeps (absolute; its directory holds reports/)."
          + " Default: " + ROOT_STATE + " for systemd and for root's crontab, the user's"
          + " state directory for another user's crontab, " + WINDOWS_STATE + " for windows.")
  String state;

  @Option(names = "--textfile-dir", paramLabel = "DIR",
      description = "Also write Prometheus text to DIR/procsweep.prom (e.g."
          + " /var/lib/prometheus/node-exporter, node_exporter's --collector.textfile.directory).")
  String textfileDir;

  @Option(names = "--command", paramLabel = "PATH",
      description = "The procsweep the job runs. Default: the launcher running now, else"
          + " procsweep on the PATH.")
  String command;

  @Option(names = "--unit-name", paramLabel = "NAME", defaultValue = "procsweep-scan",
      description = "systemd unit name (NAME.service, NAME.timer) or schtasks task name."
          + " Default: ${DEFAULT-VALUE}.")
  String unitName;

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "systemd: write NAME.service and NAME.timer into DIR instead of printing"
          + " them.")
  Path outputDir;

  @Parameters(paramLabel = "SCAN-OPTION", arity = "0..*",
      description = "After '--': more options for the scheduled scan (e.g. --fail-on high).")
  List<String> scanOptions = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    if (outputDir != null && target != Target.systemd) {
      throw new UserException("--output-dir writes systemd units; with --target " + target
          + " the command is printed, to be pasted where it belongs");
    }
    try {
      switch (target) {
        case cron:
          cron(out);
          break;
        case systemd:
          systemd(out);
          break;
        default:
          windows(out);
          break;
      }
    } catch (ScheduleException e) {
      throw new UserException(e.getMessage(), e);
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private void cron(PrintWriter out) {
    boolean asRoot = ProcessControls.forCurrentOs().currentUid().map(u -> u == 0).orElse(false);
    ScheduledScan scan = posixScan(StateLocation.of(Os.LINUX, asRoot, System.getenv(),
        Path.of(System.getProperty("user.home"))).toString());
    String line = Cron.line(every, scan);
    out.println("# procsweep: scan every " + text(every) + "; add with 'crontab -e'"
        + (asRoot ? "" : " (as root, it sees every user's processes)"));
    out.println(line);
  }

  private void systemd(PrintWriter out) {
    List<UnitFile> units = Systemd.units(every, posixScan(ROOT_STATE), unitName);
    if (outputDir != null) {
      for (UnitFile u : units) {
        Path file = outputDir.resolve(u.name());
        CommandOutput.writeFile(file, w -> w.write(u.text()));
        root.spec.commandLine().getErr().println("procsweep: wrote " + file);
      }
      root.spec.commandLine().getErr().println("procsweep: now run: systemctl daemon-reload &&"
          + " systemctl enable --now " + unitName + ".timer");
      return;
    }
    for (UnitFile u : units) {
      out.print(u.text());
      out.println();
    }
    out.println("# Then: systemctl daemon-reload && systemctl enable --now " + unitName
        + ".timer");
  }

  private void windows(PrintWriter out) {
    String program = command != null ? command : windowsProgram();
    ScheduledScan scan = new ScheduledScan(program, stateOr(WINDOWS_STATE),
        Optional.ofNullable(textfileDir), scanOptions);
    List<String> lines = Schtasks.commands(every, scan, unitName);
    out.println("rem procsweep: scan every " + text(every) + " as SYSTEM; run in an"
        + " administrator's cmd.exe");
    lines.forEach(out::println);
  }

  /** Paths of this machine's jobs: resolved to absolute here, since cron starts in / or ~. */
  private ScheduledScan posixScan(String defaultState) {
    String stateFile = absolute(stateOr(defaultState));
    Optional<String> textfile = Optional.ofNullable(textfileDir).map(ScheduleCommand::absolute);
    String program = command == null ? ownProcsweep()
        : command.contains("/") ? absolute(command)
        : onPath(System.getenv().getOrDefault("PATH", ""), List.of(command)).orElseThrow(
            () -> new UserException("--command " + command + ": no such program on the PATH;"
                + " give its path"));
    return new ScheduledScan(program, stateFile, textfile, scanOptions);
  }

  private String stateOr(String fallback) {
    return state == null || state.isEmpty() ? fallback : state;
  }

  private static String absolute(String path) {
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  /**
   * The launcher running now ({@code -Dprocsweep.launcher}, or the tree this code was loaded
   * from), else procsweep on the PATH; a job needs an absolute path.
   */
  static String ownProcsweep() {
    String fromLauncher = System.getProperty(LAUNCHER_PROPERTY, "");
    if (!fromLauncher.isEmpty() && Files.isExecutable(Path.of(fromLauncher))) {
      return absolute(fromLauncher);
    }
    String tree = HookCommand.ownLauncher();
    if (Path.of(tree).isAbsolute()) {
      return tree;
    }
    return onPath(System.getenv().getOrDefault("PATH", ""), List.of("procsweep"))
        .orElseThrow(() -> new UserException("cannot tell where procsweep is installed (no"
            + " launcher started this, and no procsweep is on the PATH); give --command PATH"));
  }

  private static String windowsProgram() {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      Optional<String> found = onPath(System.getenv().getOrDefault("PATH", ""),
          List.of("procsweep.exe", "procsweep.cmd", "procsweep.bat"));
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new UserException("give --command with the path of procsweep on the Windows machine"
        + " (such as C:\\Program Files\\procsweep\\procsweep.cmd)");
  }

  static Optional<String> onPath(String path, List<String> names) {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      for (String name : names) {
        Path p = Path.of(dir, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(absolute(p.toString()));
        }
      }
    }
    return Optional.empty();
  }

  /** The contract's default for a user other than root, made absolute now (cron has no XDG). */
  private static String text(Duration d) {
    return Spans.text(d);
  }
}
