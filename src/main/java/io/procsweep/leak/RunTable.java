package io.procsweep.leak;

import io.procsweep.report.CommandCut;
import io.procsweep.report.JsonOutput;
import io.procsweep.report.Lines;
import io.procsweep.report.Sgr;
import io.procsweep.report.TableOptions;
import io.procsweep.report.TextTable;
import io.procsweep.report.TextTable.Column;
import java.io.IOException;
import java.io.Writer;
import java.util.stream.Collectors;

/**
 * The run report for people: one row per leak (cells escaped by TextTable), then a summary. Made
 * to fit 80 columns: columns one blank apart, STARTED the time of day, COMMAND cut to keep its
 * arguments ({@link CommandCut}).
 */
public final class RunTable {
  private static final int WANT_LAST = 30;
  private final TableOptions options;

  public RunTable(int width) {
    this(new TableOptions(width, false));
  }

  /** With colors when {@code options} asks: the CLEANUP cell by its status. */
  public RunTable(TableOptions options) {
    this.options = options;
  }

  public void write(RunReport r, Writer out) throws IOException {
    if (!r.leaks().isEmpty()) {
      TextTable t = new TextTable(10, Column.right("PID"), Column.right("PPID"),
          Column.left("STARTED"), Column.left("USER", 12).shrinksTo(5),
          Column.left("HOW", 18).shrinksTo(7), Column.left("PORTS", 16).shrinksTo(8),
          Column.left("CLEANUP", 11), Column.left("COMMAND").cutBy(CommandCut.INSTANCE))
          .wantLast(WANT_LAST).highlightColumn(6).gap(1);
      for (Leak l : r.leaks()) {
        String how = (l.adopted() ? "adopted" : "")
            + (l.adopted() && l.marked() ? "+" : "") + (l.marked() ? "marked" : "")
            + (l.round() > 1 ? " r" + l.round() : "");
        String ports = l.listening().stream().map(s -> s.protocol() + "/" + s.port())
            .distinct().collect(Collectors.joining(","));
        String cmd = l.process().cmdline().isEmpty() ? "[" + l.process().name() + "]"
            : String.join(" ", l.process().cmdline());
        String status = r.cleanup().get(l.pid());
        t.addHighlighted(options.color() ? Sgr.status(status) : null, String.valueOf(l.pid()), String.valueOf(l.process().ppid()),
            started(l.process().startTimeMs()), l.process().user(), how, ports,
            status, cmd);
      }
      out.write(t.render(options.width()));
    }
    out.write(Lines.fit(summary(r), options.width()));
    out.flush();
  }

  /**
   * The time of day a leak started, UTC ("12:03:04Z"): its processes started during the run, so
   * the date says nothing the run does not; the JSON report has the full timestamp.
   */
  static String started(long epochMs) {
    String t = JsonOutput.timestamp(epochMs); // 2025-03-01T12:03:04.000Z
    return t.length() >= 19 ? t.substring(11, 19) + "Z" : t;
  }

  static String summary(RunReport r) {
    int n = r.leaks().size();
    String s = "command exited " + r.run().exitCode() + "; "
        + (n == 0 ? "no process leaked" : n + (n == 1 ? " process" : " processes") + " leaked")
        + " (" + r.run().passes() + (r.run().passes() == 1 ? " sweep pass" : " sweep passes")
        + (r.run().subreaper() ? "" : ", not a subreaper: marked processes only") + ")";
    if (r.cleanupExit().isPresent()) {
      s += r.cleanupExit().get() == 0 ? "; all ended" : "; cleanup incomplete (exit "
          + r.cleanupExit().get() + ")";
    }
    return s;
  }
}
