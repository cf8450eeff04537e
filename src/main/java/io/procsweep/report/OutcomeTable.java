package io.procsweep.report;

import io.procsweep.cleanup.Counts;
import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.TargetOutcome;
import io.procsweep.report.TextTable.Column;
import java.io.IOException;
import java.io.Writer;

/** The outcome for people: one row per target, then the counts and what the exit code means. */
public final class OutcomeTable {
  private static final int MIN_LAST = 20;
  private static final int WANT_LAST = 30;
  private final TableOptions options;

  public OutcomeTable(int width) {
    this(new TableOptions(width, false));
  }

  /** With colors when {@code options} asks: the STATUS cell. */
  public OutcomeTable(TableOptions options) {
    this.options = options;
  }

  public void write(Outcome o, Writer out) throws IOException {
    if (o.dryRun()) {
      out.write("Dry run: nothing was signalled.\n");
    }
    if (!o.targets().isEmpty()) {
      TextTable t = new TextTable(MIN_LAST, Column.left("PID", 8),
          Column.left("NAME", 20).shrinksTo(8), Column.left("ACTION", 16),
          Column.left("STATUS", 10), Column.left("REASON", 16).shrinksTo(8),
          Column.left("DETAIL")).wantLast(WANT_LAST).highlightColumn(3);
      for (TargetOutcome r : o.targets()) {
        String pid = r.target() != null ? String.valueOf(r.target().pid()) : "-";
        String name = r.target() != null ? r.target().name() : r.pidfile();
        t.addHighlighted(options.color() ? Sgr.status(r.status().label()) : null,
            pid, name, r.action(), r.status().label(), r.reason(), r.message());
      }
      out.write(t.render(options.width()));
    }
    out.write(Lines.fit(summary(o), options.width()));
    out.flush();
  }

  /** "found 5: 2 terminated, 1 survived, 1 skipped, 1 preserved; 3 signalled". */
  static String summary(Outcome o) {
    Counts c = o.counts();
    StringBuilder sb = new StringBuilder("found ").append(c.found());
    String parts = join(
        part(c.planned(), "planned"), part(c.terminated(), "terminated"),
        part(c.removed(), "removed"), part(c.survived(), "survived"),
        part(c.skipped(), "skipped"), part(c.errors(), c.errors() == 1 ? "error" : "errors"),
        part(c.preserved(), "preserved"));
    if (!parts.isEmpty()) {
      sb.append(": ").append(parts);
    }
    if (!o.dryRun()) {
      sb.append("; ").append(c.signalled()).append(" signalled");
    }
    if (o.exitCode() != 0) {
      sb.append("; cleanup incomplete (exit ").append(o.exitCode()).append(')');
    }
    return sb.toString();
  }

  private static String part(int n, String label) {
    return n == 0 ? "" : n + " " + label;
  }

  private static String join(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (!p.isEmpty()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(p);
      }
    }
    return sb.toString();
  }
}
