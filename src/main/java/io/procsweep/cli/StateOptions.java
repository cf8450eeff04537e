package io.procsweep.cli;

import io.procsweep.facts.FactRegistry;
import io.procsweep.platform.ProcessControls;
import io.procsweep.report.TerminalText;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.ScanResult;
import io.procsweep.snapshot.SnapshotException;
import io.procsweep.state.StateException;
import io.procsweep.state.StateFile;
import io.procsweep.state.StateLocation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --state[=FILE]}: what a scan remembers for the next one. Mixed into {@code scan};
 * a loop ({@code watch}) mixes it in too and keeps the state in memory between iterations:
 *
 * <pre>{@code
 * StateFile file = stateOptions.stateFile();          // null without --state
 * ScanState state = file == null ? ScanState.EMPTY : file.load();
 * while (running) {
 *   ScanResult r = scanner.scan(sample, scope, self, state);   // or settings.scan(rules, facts, state)
 *   state = r.state();
 *   if (file != null) file.save(state);
 * }
 * }</pre>
 */
final class StateOptions {
  /** The command this is mixed into: its stderr, for warnings. */
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--state", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
      description = "Keep state between runs in FILE (bare --state: the default location):"
          + " when each finding was first seen, each process's last CPU sample and since when it"
          + " has been in its state, so firstSeen, state_seconds, high_cpu_seconds and (with"
          + " --sample 0) cpu_percent reach across runs. Runs on one FILE take turns (a lock on"
          + " FILE.lock); FILE is written atomically; a damaged FILE is set aside with a"
          + " warning. Default: " + StateLocation.HELP + ".")
  String state;

  /** Whether {@code --state} was given. */
  boolean enabled() {
    return state != null;
  }

  /**
   * The state file, absolute (a relative FILE is resolved against the working directory once,
   * here), or null without {@code --state}.
   *
   * @throws UserException when FILE is a directory or no valid path
   */
  Path file() {
    if (state == null) {
      return null;
    }
    Path p;
    if (state.isEmpty()) {
      boolean root = ProcessControls.forCurrentOs().currentUid().map(u -> u == 0).orElse(false);
      p = StateLocation.current(root);
    } else {
      try {
        p = Path.of(state).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        throw new UserException("--state " + state + " is not a valid path", e);
      }
    }
    if (Files.isDirectory(p) || p.getFileName() == null) {
      throw new UserException("--state " + p + " is a directory; name a file in it, e.g. "
          + p.resolve("state.json"));
    }
    return p;
  }

  /** The state file, warnings going to the command's stderr; null without {@code --state}. */
  StateFile stateFile() {
    Path p = file();
    if (p == null) {
      return null;
    }
    PrintWriter err = spec.commandLine().getErr();
    return new StateFile(p, line -> {
      err.println("procsweep: warning: " + TerminalText.escape(line));
      err.flush();
    });
  }

  /**
   * One scan with {@code settings}, continuing from the state file when {@code --state} is
   * given: locked from reading the old state to writing the new one.
   */
  ScanResult scan(ScanSettings settings, RuleSet rules, FactRegistry facts)
      throws SnapshotException, InterruptedException, StateException {
    StateFile file = stateFile();
    if (file == null) {
      return settings.scan(rules, facts);
    }
    try (StateFile.Session session = file.open()) {
      ScanResult result = settings.scan(rules, facts, session.state());
      session.save(result.state());
      return result;
    }
  }
}
