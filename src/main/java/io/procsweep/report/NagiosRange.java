package io.procsweep.report;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold in the monitoring-plugins range syntax (the Monitoring Plugins development
 * guidelines, "Threshold and ranges"), which every Nagios-compatible check accepts:
 *
 * <table>
 *   <caption>Range forms</caption>
 *   <tr><th>text</th><th>alerts when the value is</th></tr>
 *   <tr><td>{@code 10}</td><td>below 0 or above 10 (outside 0..10)</td></tr>
 *   <tr><td>{@code 10:}</td><td>below 10 (outside 10..∞)</td></tr>
 *   <tr><td>{@code ~:10}</td><td>above 10 (outside -∞..10)</td></tr>
 *   <tr><td>{@code 10:20}</td><td>below 10 or above 20 (outside 10..20)</td></tr>
 *   <tr><td>{@code @10:20}</td><td>from 10 to 20, both included (inside 10..20)</td></tr>
 * </table>
 *
 * <p>Ends are inclusive; an omitted start is 0 ({@code :10} is {@code 10}); numbers may be
 * negative or decimal. Stricter than the C library, which reads a number with {@code strtod}
 * and silently ignores what follows: here anything but a number where one belongs is refused,
 * so a typo never becomes a threshold of 0.
 *
 * @param start the lowest value inside the range, {@code -Infinity} for {@code ~}
 * @param end the highest value inside the range, {@code Infinity} when open
 * @param inside whether the alert is inside the range ({@code @}) instead of outside it
 */
public record NagiosRange(double start, double end, boolean inside) {
  private static final String NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
  private static final Pattern RANGE = Pattern.compile(
      "(@)?(?:(~|" + NUMBER + ")?:)?(" + NUMBER + ")?");
  private static final String FORMS =
      "use 10, 10:, ~:10, 10:20 or @10:20 (monitoring-plugins range syntax)";

  public NagiosRange {
    if (Double.isNaN(start) || Double.isNaN(end) || start == Double.POSITIVE_INFINITY
        || end == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("a range's ends are numbers, -∞ or ∞ in order");
    }
    if (start > end) {
      throw new IllegalArgumentException(
          "a range's start " + number(start) + " is above its end " + number(end));
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with one sentence naming the text, e.g. {@code '20:10' is
   *     not a range: its start 20 is above its end 10}
   */
  public static NagiosRange parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("an empty range is no threshold; " + FORMS);
    }
    Matcher m = RANGE.matcher(text);
    boolean colon = text.indexOf(':') >= 0;
    // The pattern makes everything optional; a range needs at least an end or a colon.
    if (!m.matches() || (!colon && m.group(3) == null)) {
      throw new IllegalArgumentException("'" + text + "' is not a range; " + FORMS);
    }
    boolean inside = m.group(1) != null;
    String startText = m.group(2);
    double start = startText == null ? 0
        : startText.equals("~") ? Double.NEGATIVE_INFINITY : Double.parseDouble(startText);
    double end = m.group(3) == null ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(3));
    if (start > end) {
      throw new IllegalArgumentException("'" + text + "' is not a range: its start "
          + number(start) + " is above its end " + number(end));
    }
    return new NagiosRange(start, end, inside);
  }

  /** Whether {@code value} raises the alert this range stands for. */
  public boolean alerts(double value) {
    boolean within = value >= start && value <= end;
    return inside == within;
  }

  /**
   * The shortest text that parses back to this range ({@code 10}, {@code 10:}, {@code ~:10},
   * {@code 10:20}, {@code @10:20}): what perfdata carries as its warn and crit fields.
   */
  @Override
  public String toString() {
    String prefix = inside ? "@" : "";
    if (start == 0 && end != Double.POSITIVE_INFINITY) {
      return prefix + number(end);
    }
    String from = start == Double.NEGATIVE_INFINITY ? "~" : number(start);
    String to = end == Double.POSITIVE_INFINITY ? "" : number(end);
    return prefix + from + ":" + to;
  }

  /** 10, 2.5, -3: no exponent, no trailing zeros. */
  static String number(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "∞" : "~";
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
