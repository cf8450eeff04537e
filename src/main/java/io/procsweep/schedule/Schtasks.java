package io.procsweep.schedule;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Windows Task Scheduler commands, to be typed into {@code cmd.exe}: one that creates the state
 * folder, one {@code schtasks /Create}. The task runs {@code cmd /c cd /d DIR && procsweep scan
 * ...} as SYSTEM (schtasks has no working-directory option).
 *
 * <p>Three quoting layers: the inner command line for {@code cmd /c}; that line as one argument
 * of schtasks.exe (C runtime rules: {@code \"} is a quote); and the whole line for the
 * {@code cmd.exe} it is typed into, which knows no {@code \"}, so {@code & | < > ^} that it sees
 * outside its own quotes get a caret.
 */
public final class Schtasks {
  /** schtasks.exe rejects a /TR value longer than this. */
  static final int MAX_TR = 261;
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@+:,./\\\\-]+");
  private static final Pattern TASK_NAME = Pattern.compile("[A-Za-z0-9 _.\\\\-]{1,200}");

  private Schtasks() {}

  /** The commands, in order. */
  public static List<String> commands(Duration every, ScheduledScan scan, String taskName) {
    if (!TASK_NAME.matcher(taskName).matches()) {
      throw new ScheduleException("--unit-name '" + taskName + "' is not a task name for"
          + " schtasks: use letters, digits, spaces and _ . - \\ only");
    }
    String schedule = schedule(every);
    scan.requireAbsolute(PathStyle.WINDOWS);
    String dir = scan.workDir(PathStyle.WINDOWS);
    List<String> argv = scan.argv(PathStyle.WINDOWS);
    for (String a : argv) {
      refuseCmdMeta(a);
    }
    refuseCmdMeta(dir);
    String task = "cmd /c cd /d " + cmdArg(dir) + " && "
        + argv.stream().map(Schtasks::cmdArg).collect(Collectors.joining(" "));
    if (task.length() > MAX_TR) {
      throw new ScheduleException("the task's command is " + task.length() + " characters and"
          + " schtasks takes at most " + MAX_TR + "; install procsweep or the state file under a"
          + " shorter path");
    }
    String create = "schtasks /Create /F /RU SYSTEM /TN " + crtQuote(taskName) + " " + schedule
        + " /TR " + crtQuote(task);
    return List.of(typed("if not exist " + cmdArg(dir) + " mkdir " + cmdArg(dir)),
        typed(create));
  }

  /** {@code /SC MINUTE /MO 15}, {@code /SC HOURLY /MO 2}, {@code /SC DAILY /MO 1}. */
  static String schedule(Duration every) {
    long ms = every.toMillis();
    long minutes = ms / 60_000;
    if (ms < 60_000 || ms % 60_000 != 0) {
      long below = Math.max(1, minutes);
      String choices = minutes == 0 ? "--every 1m" : "--every " + below + "m or --every "
          + (below + 1) + "m";
      throw new ScheduleException("Task Scheduler repeats a task in whole minutes, so not every "
          + Spans.text(every) + "; the nearest it can are " + choices);
    }
    if (minutes % 1440 == 0) {
      long days = minutes / 1440;
      if (days > 365) {
        throw new ScheduleException("Task Scheduler repeats a task at most every 365 days, so not"
            + " every " + Spans.text(every) + "; the nearest it can is --every 8760h");
      }
      return "/SC DAILY /MO " + days;
    }
    if (minutes < 1440 && minutes % 60 == 0) {
      return "/SC HOURLY /MO " + minutes / 60;
    }
    if (minutes < 1440) {
      return "/SC MINUTE /MO " + minutes;
    }
    long days = minutes / 1440;
    throw new ScheduleException("Task Scheduler repeats a task every 1 to 1439 minutes, 1 to 23"
        + " hours or whole days, so not every " + Spans.text(every) + "; the nearest it can are"
        + " --every " + days * 24 + "h or --every " + (days + 1) * 24 + "h");
  }

  /**
   * {@code %} is expanded by cmd.exe even inside quotes and {@code "} cannot be quoted for it,
   * so neither may appear in what the task runs.
   */
  private static void refuseCmdMeta(String s) {
    if (s.indexOf('%') >= 0 || s.indexOf('"') >= 0) {
      throw new ScheduleException("'" + s + "' holds % or \", which cmd.exe would change in a"
          + " scheduled task; choose a path without them");
    }
  }

  /**
   * One argument as cmd.exe passes it on and the program's C runtime reads it back: in quotes
   * unless plain, with backslashes before the closing quote doubled ({@code "C:\\"}).
   */
  static String cmdArg(String s) {
    if (PLAIN.matcher(s).matches()) {
      return s;
    }
    return "\"" + doubleTrailingBackslashes(s) + "\"";
  }

  /** One argument by the C runtime's rules (CommandLineToArgvW), always in quotes. */
  static String crtQuote(String s) {
    StringBuilder b = new StringBuilder("\"");
    int backslashes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        backslashes++;
        continue;
      }
      if (c == '"') {
        b.append("\\".repeat(2 * backslashes + 1)).append('"');
      } else {
        b.append("\\".repeat(backslashes)).append(c);
      }
      backslashes = 0;
    }
    return b.append("\\".repeat(2 * backslashes)).append('"').toString();
  }

  private static String doubleTrailingBackslashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\\') {
      end--;
    }
    return s + s.substring(end);
  }

  /**
   * The line as typed at a cmd.exe prompt: cmd toggles its quote state at every {@code "} and
   * gives {@code & | < > ^} outside quotes their meaning, so those get a caret.
   */
  static String typed(String line) {
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && "&|<>^".indexOf(c) >= 0) {
        b.append('^');
      }
      b.append(c);
    }
    return b.toString();
  }
}
