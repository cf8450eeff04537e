package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The monitoring-plugins range syntax, form by form: which values alert (the table of the
 * development guidelines), how each form prints back, and the errors.
 */
class NagiosRangeTest {
  private static final double[] PROBES = {-1, 0, 5, 9.5, 10, 10.5, 15, 20, 21};

  /** The probes that alert, as text: a whole table row in one comparable string. */
  private static String alerting(NagiosRange r) {
    List<String> hits = new ArrayList<>();
    for (double v : PROBES) {
      if (r.alerts(v)) {
        hits.add(NagiosRange.number(v));
      }
    }
    return String.join(" ", hits);
  }

  @ParameterizedTest(name = "{0} alerts on [{1}], prints {2}")
  @CsvSource(delimiter = '|', value = {
      // the guidelines' table: outside 0..10, below 10, above 10, outside 10..20, inside 10..20
      "10      | -1 10.5 15 20 21          | 10",
      "10:     | -1 0 5 9.5                | 10:",
      "~:10    | 10.5 15 20 21             | ~:10",
      "10:20   | -1 0 5 9.5 21             | 10:20",
      "@10:20  | 10 10.5 15 20             | @10:20",
      // the rest of the grammar: start 0 by default, negatives, decimals, open both ways
      ":10     | -1 10.5 15 20 21          | 10",
      "0       | -1 5 9.5 10 10.5 15 20 21 | 0",
      "-1:9.5  | 10 10.5 15 20 21          | -1:9.5",
      "~:      | ''                        | ~:",
      "@~:     | -1 0 5 9.5 10 10.5 15 20 21 | @~:",
      "@10     | 0 5 9.5 10                | @10",
      "@0:     | 0 5 9.5 10 10.5 15 20 21  | @0:",
      "10.50:  | -1 0 5 9.5 10             | 10.5:",
      "+5:.5e0 | x                         | x",
  })
  void eachFormAlertsAsTheGuidelinesSay(String text, String alerts, String printed) {
    if (printed.equals("x")) {
      assertThrows(IllegalArgumentException.class, () -> NagiosRange.parse(text));
      return;
    }
    NagiosRange r = NagiosRange.parse(text);
    assertEquals(alerts, alerting(r), text);
    assertEquals(printed, r.toString(), text);
    assertEquals(r, NagiosRange.parse(r.toString()), "prints back to itself");
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', value = {
      "20:10   | '20:10' is not a range: its start 20 is above its end 10",
      "@5:-5   | '@5:-5' is not a range: its start 5 is above its end -5",
      "abc     | 'abc' is not a range; use 10, 10:, ~:10, 10:20 or @10:20"
          + " (monitoring-plugins range syntax)",
      "~       | '~' is not a range; use 10, 10:, ~:10, 10:20 or @10:20"
          + " (monitoring-plugins range syntax)",
      "@       | '@' is not a range; use 10, 10:, ~:10, 10:20 or @10:20"
          + " (monitoring-plugins range syntax)",
      "10:20:30 | '10:20:30' is not a range; use 10, 10:, ~:10, 10:20 or @10:20"
          + " (monitoring-plugins range syntax)",
      "10x     | '10x' is not a range; use 10, 10:, ~:10, 10:20 or @10:20"
          + " (monitoring-plugins range syntax)",
      "10:~    | '10:~' is not a range; use 10, 10:, ~:10, 10:20 or @10:20"
          + " (monitoring-plugins range syntax)",
      "' 10'   | ' 10' is not a range; use 10, 10:, ~:10, 10:20 or @10:20"
          + " (monitoring-plugins range syntax)",
      "''      | an empty range is no threshold; use 10, 10:, ~:10, 10:20 or @10:20"
          + " (monitoring-plugins range syntax)",
  })
  void errorsAreOneSentenceNamingTheText(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NagiosRange.parse(text));
    assertEquals(message, e.getMessage());
  }
}
