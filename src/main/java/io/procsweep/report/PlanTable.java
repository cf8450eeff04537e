package io.procsweep.report;

import io.procsweep.cleanup.Action;
import io.procsweep.cleanup.Describe;
import io.procsweep.cleanup.Plan;
import io.procsweep.report.TextTable.Column;
import io.procsweep.report.TextTable.Cut;
import java.io.IOException;
import java.io.Writer;

/** The plan for people: one row per action, what it will do in words. */
public final class PlanTable {
  private static final int MIN_LAST = 20;
  private static final int WANT_LAST = 30;
  private final TableOptions options;

  /** @param width the terminal width the last column fills */
  public PlanTable(int width) {
    this(new TableOptions(width, false));
  }

  /** With colors when {@code options} asks: the FINDING cell by severity. */
  public PlanTable(TableOptions options) {
    this.options = options;
  }

  public void write(Plan plan, Writer out) throws IOException {
    out.write(Lines.fit("Plan (" + plan.mode().label() + ", grace " + Describe.duration(
        plan.grace().toMillis()) + ") on " + TerminalText.escape(String.valueOf(plan.host()))
        + ": " + plan.actions().size() + (plan.actions().size() == 1 ? " action" : " actions"),
        options.width()));
    if (!plan.actions().isEmpty()) {
      TextTable t = new TextTable(MIN_LAST, Column.left("PID", 8),
          Column.left("NAME", 20).shrinksTo(8), Column.left("USER", 12).shrinksTo(5),
          Column.left("ACTION", 16), Column.left("FINDING", 24).shrinksTo(12).cutBy(Cut.MIDDLE),
          Column.left("WHAT")).wantLast(WANT_LAST).highlightColumn(4);
      for (Action a : plan.actions()) {
        ActionFields f = ActionFields.of(a);
        String what = Describe.of(a);
        if (f.reason() != null) {
          what = f.reason().label() + ": " + what;
        }
        t.addHighlighted(options.color() ? Sgr.severity(a.cause().severity()) : null,
            pid(f), name(f), user(f), a.kind(),
            a.cause().rule() + " (" + a.cause().severity().label() + ")", what);
      }
      out.write(t.render(options.width()));
    }
    out.flush();
  }

  static String pid(ActionFields f) {
    if (f.target() != null) {
      return String.valueOf(f.target().pid());
    }
    return f.pidfile().pid() == null ? "-" : String.valueOf(f.pidfile().pid());
  }

  static String name(ActionFields f) {
    return f.target() != null ? f.target().name() : f.pidfile().path().toString();
  }

  /** The user name, else the uid, else "?": unknown shows as unknown, never blank. */
  private static String user(ActionFields f) {
    String user = f.target() != null ? f.target().user() : f.pidfile().owner();
    Integer uid = f.target() != null ? f.target().uid() : f.pidfile().ownerUid();
    if (user != null) {
      return user;
    }
    return uid != null ? uid.toString() : "?";
  }
}
