package io.procsweep.cli;

import io.procsweep.cleanup.Interruption;
import io.procsweep.facts.FactRegistry;
import io.procsweep.platform.fs.FsException;
import io.procsweep.report.AppendFile;
import io.procsweep.report.EventLineWriter;
import io.procsweep.report.ListenAddress;
import io.procsweep.report.MetricsServer;
import io.procsweep.report.Report;
import io.procsweep.report.TerminalText;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.state.ScanState;
import io.procsweep.state.StateException;
import io.procsweep.state.StateFile;
import io.procsweep.watch.EventSink;
import io.procsweep.watch.HeapTrim;
import io.procsweep.watch.ScanStep;
import io.procsweep.watch.WatchListener;
import io.procsweep.watch.WatchLoop;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code procsweep watch}: scans in a loop and prints findings as they appear and go away. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Scan in a loop; print each finding as it appears and goes away, as JSON lines.",
    description = {
        "Scans every --interval and compares each scan's findings with the last",
        "one's (by leading rule, pid and process start time). Each change is one",
        "JSON line on standard output, or appended to --events FILE, flushed at once:",
        "  {\"event\":\"new\"|\"resolved\",\"at\":\"<UTC time>\",\"finding\":{...}}",
        "The finding is shaped as in the JSON report (scan --format json); a",
        "resolved event carries it as last seen. The first scan's findings are new.",
        "A scan that cannot read the process table is said on stderr (once until",
        "one works again) and the loop goes on. SIGINT, SIGTERM and SIGHUP end it",
        "at once, also mid-pause, with exit 0.",
        "With --metrics, the last scan is served as Prometheus metrics; with --state,",
        "first-seen times and time in state carry over from earlier runs and cron scans.", "",
        "Examples:",
        "  procsweep watch",
        "  procsweep watch --interval 10s --events /var/log/procsweep/events.jsonl -q",
        "  procsweep watch --category orphan,stale-listener --sample 0",
        "  procsweep watch --interval 30s --metrics 127.0.0.1:9731 --state -q",
        "  procsweep watch --interval 0 --count 100 --sample 0 --events /dev/null"})
final class WatchCommand implements Callable<Integer> {
  @ParentCommand ProcsweepCommand root;

  @Mixin ScanSettings settings = new ScanSettings();

  @Mixin StateOptions state = new StateOptions();

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "From the start of one scan to the start of the next (0: back to back,"
          + " for benchmarks). Default: ${DEFAULT-VALUE}.")
  Duration interval = Duration.ofSeconds(30);

  @Option(names = "--count", paramLabel = "N",
      description = "Stop after N scans, failed ones included. Default: until stopped.")
  Long count;

  @Option(names = "--events", paramLabel = "FILE",
      description = "Append the events to FILE (created mode 0644; a FIFO or device is written"
          + " to; a symlink is refused) instead of standard output.")
  Path events;

  @Option(names = {"-q", "--quiet"},
      description = "No notes on stderr (errors and warnings stay): only the events are"
          + " printed.")
  boolean quiet;

  @Option(names = "--metrics", paramLabel = "HOST:PORT", converter = ListenAddressConverter.class,
      description = "Serve the last scan as Prometheus metrics at http://HOST:PORT/metrics"
          + " (:PORT: every interface; [::1]:PORT for IPv6; port 0 picks a free one, said on"
          + " stderr). A failed scan keeps the last good one served and counts in"
          + " procsweep_scan_failures_total.")
  InetSocketAddress metrics;

  @Override
  public Integer call() throws Exception {
    if (count != null && count < 1) {
      throw new UserException("--count must be at least 1, got " + count);
    }
    FactRegistry facts = FactRegistry.standard();
    RuleSet rules = settings.loadRules(facts);
    settings.quiet = quiet;
    PrintWriter err = root.spec.commandLine().getErr();
    Interruption stop = new Interruption();
    ScanStep step = scanStep(rules, facts, stop, state.stateFile(), err);
    MetricsServer server = startMetrics(err);
    Writer file = null;
    try (Interrupts signals = Interrupts.install(stop)) {
      file = openEvents();
      EventSink sink = file != null ? new EventLineWriter(file) : stdoutEvents();
      WatchLoop loop = new WatchLoop(step, interval,
          count == null ? OptionalLong.empty() : OptionalLong.of(count), stop::sleep,
          stop::requested, sink, listeners(err, server));
      note(err, "watching every " + WatchNotes.text(interval) + ", events to "
          + (events == null ? "standard output" : TerminalText.escape(events.toString()))
          + "; SIGINT, SIGTERM or SIGHUP stops");
      WatchLoop.Summary done;
      try {
        done = loop.run();
      } catch (IOException e) {
        err.println("procsweep: cannot write events: " + TerminalText.escape(e.getMessage()));
        return ExitCode.SCAN_FAILED.code();
      }
      note(err, "watch ended after " + done.scans() + (done.scans() == 1 ? " scan" : " scans")
          + (done.failures() == 0 ? "" : " (" + done.failures() + " failed)"));
      // Every scan failed: nothing was watched, whatever ended the loop.
      return done.scans() > 0 && done.failures() == done.scans()
          ? ExitCode.SCAN_FAILED.code() : ExitCode.OK.code();
    } finally {
      if (file != null) {
        file.close(); // flushes what is pending
      }
      if (server != null) {
        server.close();
      }
      err.flush();
    }
  }

  /**
   * The scan each iteration runs, built once; {@code stop} cuts a CPU sample short on SIGTERM.
   * The state goes from one scan to the next in memory; with {@code --state} it is read once
   * and written after each scan (each a short lock, so a cron scan on the same file takes its
   * turn in between).
   */
  ScanStep scanStep(RuleSet rules, FactRegistry facts, Interruption stop, StateFile file,
      PrintWriter err) throws StateException, InterruptedException {
    CarriedState carried = new CarriedState(file, err,
        file == null ? ScanState.EMPTY : file.load());
    ScanStep scan = settings.step(rules, facts, stop::sleep, carried::state);
    return () -> carried.keep(scan.scan());
  }

  /** The state from one scan to the next, and in the state file after each one if given. */
  private static final class CarriedState {
    private final StateFile file;
    private final PrintWriter err;
    private ScanState state;
    private boolean warned;

    CarriedState(StateFile file, PrintWriter err, ScanState initial) {
      this.file = file;
      this.err = err;
      this.state = initial;
    }

    ScanState state() {
      return state;
    }

    ScanResult keep(ScanResult r) throws InterruptedException {
      state = r.state();
      if (file == null) {
        return r;
      }
      try {
        file.save(state);
        warned = false;
      } catch (StateException e) {
        // The watch goes on from memory; said once until a save works again.
        if (!warned) {
          err.println("procsweep: warning: " + TerminalText.escape(e.getMessage()));
          err.flush();
          warned = true;
        }
      }
      return r;
    }
  }

  /** Who hears of each scan, in order: the stderr notes, then the /metrics server if any. */
  List<WatchListener> listeners(PrintWriter err, MetricsServer server) {
    List<WatchListener> out = new ArrayList<>();
    out.add(new WatchNotes(err, quiet, interval));
    out.add(HeapTrim.jvm());
    if (server != null) {
      String version = ProcsweepCommand.version();
      out.add(new WatchListener() {
        @Override
        public void scanned(ScanResult r) {
          server.scanned(new Report(version, r, null, false));
        }

        @Override
        public void failed(SnapshotException e) {
          server.failed();
        }
      });
    }
    return out;
  }

  private MetricsServer startMetrics(PrintWriter err) {
    if (metrics == null) {
      return null;
    }
    try {
      MetricsServer server = MetricsServer.start(metrics);
      // Said even with --quiet: with port 0 it is the only way to learn the port.
      err.println("procsweep: metrics at http://" + ListenAddress.format(server.address())
          + "/metrics");
      err.flush();
      return server;
    } catch (IOException e) {
      throw new UserException("--metrics: " + e.getMessage(), e);
    }
  }

  private Writer openEvents() {
    if (events == null) {
      return null;
    }
    try {
      return AppendFile.open(events);
    } catch (IOException e) {
      // An FsException's message starts with the path it failed on.
      throw new UserException("--events " + (e instanceof FsException ? ""
          : events + ": ") + e.getMessage(), e);
    }
  }

  /** Standard output, where a closed pipe ends the loop instead of being ignored. */
  private EventSink stdoutEvents() {
    PrintWriter out = root.spec.commandLine().getOut();
    EventLineWriter writer = new EventLineWriter(out);
    return e -> {
      writer.accept(e);
      if (out.checkError()) {
        throw new IOException("standard output is closed");
      }
    };
  }

  private void note(PrintWriter err, String text) {
    if (!quiet) {
      err.println("procsweep: " + text);
      err.flush();
    }
  }
}
