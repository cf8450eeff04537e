package io.procsweep.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the {@link ExitCode}s each command returns, worded for that command, for its --help
 * page: a page lists only the codes its command can give. A command without a page of its own
 * gets the general list.
 */
final class ExitCodePages {
  /** One line of a page: a code (or {@code N} for a code that is not procsweep's) and why. */
  record Line(String code, String meaning) {
    Line(ExitCode c, String meaning) {
      this(Integer.toString(c.code()), meaning);
    }

    Line(ExitCode c) {
      this(c, c.meaning());
    }
  }

  private static final Line USAGE = new Line(ExitCode.USAGE);
  private static final Line RULES_USAGE = new Line(ExitCode.USAGE,
      "usage error or invalid rule file (message names file:line:column)");
  private static final Line PLAIN_USAGE = new Line(ExitCode.USAGE, "usage error");

  private static final Map<Class<?>, List<Line>> PAGES = pages();

  private ExitCodePages() {}

  private static Map<Class<?>, List<Line>> pages() {
    Map<Class<?>, List<Line>> m = new LinkedHashMap<>();
    m.put(ProcsweepCommand.class, List.of(
        new Line(ExitCode.OK, "success (each command's --help lists the codes it returns)"),
        new Line(ExitCode.FINDINGS, "scan: findings at or above --fail-on; run: a leak with"
            + " --fail-on-leak"),
        USAGE, new Line(ExitCode.SCAN_FAILED), new Line(ExitCode.CLEANUP_INCOMPLETE),
        new Line(ExitCode.INTERRUPTED)));
    m.put(HelpCommand.class, List.of(new Line(ExitCode.OK, "help shown"),
        new Line(ExitCode.USAGE, "no such command")));
    m.put(ScanCommand.class, List.of(new Line(ExitCode.OK), new Line(ExitCode.FINDINGS), USAGE,
        new Line(ExitCode.SCAN_FAILED)));
    m.put(WatchCommand.class, List.of(
        new Line(ExitCode.OK, "stopped by SIGINT, SIGTERM or SIGHUP, or after --count scans"),
        RULES_USAGE,
        new Line(ExitCode.SCAN_FAILED, "every scan failed, or the events could not be"
            + " written")));
    m.put(SnapshotCommand.class, List.of(
        new Line(ExitCode.OK, "snapshot written"), PLAIN_USAGE,
        new Line(ExitCode.SCAN_FAILED, "the process table could not be read (internal"
            + " error)")));
    m.put(ExplainCommand.class, List.of(
        new Line(ExitCode.OK, "explained, or nobody holds the port (said in one sentence)"),
        new Line(ExitCode.USAGE, "usage error, invalid rule file, or no process has the pid"),
        new Line(ExitCode.SCAN_FAILED, "the process table could not be read (internal"
            + " error)")));
    m.put(PlanCommand.class, List.of(
        new Line(ExitCode.OK, "plan printed or saved; nothing was signalled"),
        new Line(ExitCode.USAGE, "usage error, invalid rule file, or a plan over"
            + " --max-targets"),
        new Line(ExitCode.SCAN_FAILED)));
    m.put(CleanCommand.class, List.of(
        new Line(ExitCode.OK, "every target ended, or nothing to do, --dry-run, or the"
            + " prompt was declined (nothing was done)"),
        new Line(ExitCode.USAGE, "usage error, invalid rule file or saved plan, a plan over"
            + " --max-targets, or no terminal to ask on without --yes"),
        new Line(ExitCode.SCAN_FAILED),
        new Line(ExitCode.CLEANUP_INCOMPLETE),
        new Line(ExitCode.INTERRUPTED)));
    m.put(RunCommand.class, List.of(
        new Line(ExitCode.OK, "the command exited 0 (and, with --fail-on-leak, leaked"
            + " nothing)"),
        new Line(ExitCode.FINDINGS, "with --fail-on-leak: the command exited 0 but leaked a"
            + " process"),
        new Line(ExitCode.USAGE, "usage error, or the command could not be started"),
        new Line(ExitCode.SCAN_FAILED, "the process table could not be read (internal"
            + " error)"),
        new Line("N", "the command's own exit code, when it was not 0")));
    List<Line> rules = List.of(new Line(ExitCode.OK, "the rule files are valid"),
        RULES_USAGE);
    m.put(RulesCommand.class, rules);
    m.put(RulesCommand.Validate.class, rules);
    m.put(RulesCommand.ListRules.class, rules);
    m.put(RulesCommand.Facts.class, List.of(new Line(ExitCode.OK, "facts listed"),
        PLAIN_USAGE));
    List<Line> hook = List.of(new Line(ExitCode.OK, "done; the sentence printed says what"),
        new Line(ExitCode.USAGE, "usage error, not in a git repository, or a hook in the way"
            + " (the message says which)"));
    m.put(HookCommand.class, hook);
    m.put(HookCommand.Install.class, hook);
    m.put(HookCommand.Uninstall.class, hook);
    m.put(ScheduleCommand.class, List.of(
        new Line(ExitCode.OK, "printed (or, with --output-dir, written)"),
        new Line(ExitCode.USAGE, "usage error, e.g. an interval the target cannot express")));
    return m;
  }

  /** The exit codes of {@code command}'s page: code (right-aligned) to meaning, in order. */
  static Map<String, String> of(Class<?> command) {
    List<Line> lines = PAGES.get(command);
    Map<String, String> codes = new LinkedHashMap<>();
    if (lines == null) {
      for (ExitCode c : ExitCode.values()) {
        if (!c.nagios()) {
          codes.put(String.format("%3d", c.code()), c.meaning());
        }
      }
      return codes;
    }
    for (Line l : lines) {
      codes.put(String.format("%3s", l.code()), l.meaning());
    }
    return codes;
  }
}
