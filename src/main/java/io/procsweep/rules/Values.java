package io.procsweep.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/** How conditions and their facts' values are written for people: as a rule file would. */
final class Values {
  /** Lists longer than this are cut: a {@code $dev_servers} list is not what a reader needs. */
  static final int SHOWN = 8;

  private Values() {}

  /** A fact's value: {@code unknown} for null, numbers without a needless {@code .0} bound. */
  static String text(Object v) {
    if (v == null) {
      return "unknown";
    }
    if (v instanceof Collection<?> c) {
      StringJoiner j = new StringJoiner(", ", "[", "]");
      c.forEach(e -> j.add(text(e)));
      return j.toString();
    }
    return v.toString();
  }

  /** A bound from a rule file: 600, not 600.0. */
  static String number(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** {@code [a, b, c]}, cut after {@link #SHOWN} items with how many more there are. */
  static String list(List<String> items) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < items.size() && i < SHOWN; i++) {
      j.add(items.get(i));
    }
    String out = j.toString();
    if (items.size() > SHOWN) {
      out = out.substring(0, out.length() - 1) + ", … " + (items.size() - SHOWN) + " more]";
    }
    return out;
  }

  /** One value as the operator's operand, several as a list. */
  static String operand(String op, List<String> items) {
    if (items.size() == 1) {
      return op.equals("eq") ? items.get(0) : op + " " + items.get(0);
    }
    return (op.equals("eq") ? "in" : op.equals("ne") ? "not_in" : op) + " " + list(items);
  }

  static List<String> numbers(double[] values) {
    List<String> out = new ArrayList<>();
    for (double d : values) {
      out.add(number(d));
    }
    return out;
  }
}
