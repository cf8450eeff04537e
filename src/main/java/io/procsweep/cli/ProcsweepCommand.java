package io.procsweep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level command: global options; Main adds the subcommands. */
@Command(name = "procsweep", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    versionProvider = ProcsweepCommand.Version.class,
    header = "Finds zombies, orphans, stale port listeners and hung processes.",
    description = {
        "Reads every process and listening socket, classifies them with YAML rule",
        "sets and reports findings as a table (on a terminal) or JSON (when piped).", "",
        "Start with: procsweep scan. 'procsweep help COMMAND' shows a command's options,",
        "examples and exit codes."})
final class ProcsweepCommand implements Runnable {
  /** Detected on first use: --version, --help and a scan with --format json ask nothing. */
  private final Supplier<Terminal> detect;
  private Terminal terminal;

  @Spec CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print stack traces and library logs on errors.")
  boolean debug;

  @Option(names = "--color", scope = ScopeType.INHERIT, paramLabel = "WHEN",
      description = "Color tables: auto (on a terminal, unless NO_COLOR is set or TERM=dumb),"
          + " always or never. Default: auto.")
  ColorMode color = ColorMode.auto;

  ProcsweepCommand(Terminal terminal) {
    this(() -> terminal);
  }

  ProcsweepCommand(Supplier<Terminal> detect) {
    this.detect = detect;
  }

  /** Where output goes; asked of the OS once, when a command first needs it. */
  Terminal terminal() {
    if (terminal == null) {
      terminal = detect.get();
    }
    return terminal;
  }

  /** For picocli's default factory: the completion and man-page generators build the model. */
  public ProcsweepCommand() {
    this(Terminal.NONE);
  }

  /** Whether tables printed on stdout get colors, under {@code --color}. */
  boolean colored() {
    return terminal().color(color);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "a command is needed: " + String.join(", ", spec.subcommands().keySet()));
  }

  static String version() {
    ClassLoader loader = ProcsweepCommand.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream("procsweep-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The JVM the launcher chose: "Java 25.0.1 (Eclipse Adoptium) /usr/lib/jvm/temurin-25". */
  static String runtime() {
    return "Java " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vendor") + ") " + System.getProperty("java.home");
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"procsweep " + version(), runtime()};
    }
  }
}
