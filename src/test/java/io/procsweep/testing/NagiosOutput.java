package io.procsweep.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Nagios plugin's output read back by the grammar of the Monitoring Plugins development
 * guidelines, independently of procsweep's own code: a first line {@code TEXT | PERFDATA},
 * then long-text lines; performance data as space-separated {@code
 * 'label'=value[UOM];[warn];[crit];[min];[max]}, where a label with spaces is single-quoted
 * (a quote doubled inside), the value is a number or {@code U}, UOM one of s, ms, us, %, B,
 * KB, MB, TB, c, warn and crit are ranges, min and max numbers, and trailing empty fields may
 * be left out.
 *
 * @param service the service name before the state ({@code PROCSWEEP})
 * @param state OK, WARNING, CRITICAL or UNKNOWN
 * @param summary the text after {@code STATE: } up to the {@code |}
 * @param perf the performance data by label, in order
 * @param longText the lines after the first
 */
public record NagiosOutput(String service, String state, String summary, Map<String, Perf> perf,
    List<String> longText) {
  private static final Pattern FIRST =
      Pattern.compile("([A-Z]+) (OK|WARNING|CRITICAL|UNKNOWN): ([^|]*?)(?: \\| ([^|]*))?");
  private static final String NUMBER = "-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
  private static final String RANGE = "@?(?:(?:~|" + NUMBER + ")?:)?(?:" + NUMBER + ")?";
  private static final Pattern ITEM = Pattern.compile(
      "('(?:[^']|'')+'|[^'= ][^= ]*)=(U|" + NUMBER + ")(s|ms|us|%|B|KB|MB|TB|c)?"
          + "(?:;(" + RANGE + ")(?:;(" + RANGE + ")(?:;(" + NUMBER + ")?(?:;(" + NUMBER
          + ")?)?)?)?)?");

  /** One performance value; absent fields are empty strings. */
  public record Perf(String value, String uom, String warn, String crit, String min,
      String max) {}

  /** Parses the output; throws AssertionError naming what does not follow the grammar. */
  public static NagiosOutput parse(String output) {
    List<String> lines = output.lines().toList();
    if (lines.isEmpty()) {
      throw new AssertionError("a plugin must print at least one line; got nothing");
    }
    Matcher m = FIRST.matcher(lines.get(0));
    if (!m.matches()) {
      throw new AssertionError("not a plugin status line: " + lines.get(0));
    }
    Map<String, Perf> perf = new LinkedHashMap<>();
    if (m.group(4) != null) {
      for (String item : m.group(4).trim().split(" +")) {
        Matcher i = ITEM.matcher(item);
        if (!i.matches()) {
          throw new AssertionError("not performance data by the guidelines: '" + item + "'");
        }
        String label = i.group(1).startsWith("'")
            ? i.group(1).substring(1, i.group(1).length() - 1).replace("''", "'") : i.group(1);
        perf.put(label, new Perf(i.group(2), nz(i.group(3)), nz(i.group(4)), nz(i.group(5)),
            nz(i.group(6)), nz(i.group(7))));
      }
    }
    for (String l : lines.subList(1, lines.size())) {
      if (l.contains("|")) {
        throw new AssertionError("a '|' in long text starts performance data: " + l);
      }
    }
    return new NagiosOutput(m.group(1), m.group(2), m.group(3), perf,
        lines.subList(1, lines.size()));
  }

  /** The value of a performance datum as a number. */
  public long value(String label) {
    Perf p = perf.get(label);
    if (p == null) {
      throw new AssertionError("no performance datum '" + label + "' in " + perf.keySet());
    }
    return Long.parseLong(p.value());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
