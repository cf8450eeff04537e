package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every command's help follows the same conventions: reachable as {@code help COMMAND}, with
 * --version, required options shown as required, examples, and only its own exit codes.
 */
class HelpConventionsTest {
  /** Every command and subcommand, as typed after {@code procsweep}. */
  private static final List<String> COMMANDS = List.of("scan", "watch", "snapshot", "explain",
      "plan", "clean", "rules", "rules validate", "rules list", "rules facts", "run", "hook",
      "hook install", "hook uninstall", "schedule", "help");

  /** The codes each command's page lists; {@code N} is run's "the command's own code". */
  private static final Map<String, Set<String>> CODES = codes();

  private static Map<String, Set<String>> codes() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("scan", Set.of("0", "1", "2", "3"));
    m.put("watch", Set.of("0", "2", "3"));
    m.put("snapshot", Set.of("0", "2", "3"));
    m.put("explain", Set.of("0", "2", "3"));
    m.put("plan", Set.of("0", "2", "3"));
    m.put("clean", Set.of("0", "2", "3", "4", "130"));
    m.put("run", Set.of("0", "1", "2", "3", "N"));
    for (String rules : List.of("rules", "rules validate", "rules list", "rules facts")) {
      m.put(rules, Set.of("0", "2"));
    }
    for (String hook : List.of("hook", "hook install", "hook uninstall")) {
      m.put(hook, Set.of("0", "2"));
    }
    m.put("schedule", Set.of("0", "2"));
    m.put("help", Set.of("0", "2"));
    return m;
  }

  private static String[] args(String command, String... more) {
    List<String> all = new ArrayList<>(List.of(command.split(" ")));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static MainTest.Run help(String command) {
    MainTest.Run r = MainTest.run(args(command, "--help"));
    assertEquals(0, r.code(), command + ": " + r.err());
    return r;
  }

  /** The codes under "Exit codes:", up to the next blank line. */
  private static Set<String> listedCodes(String page) {
    int at = page.indexOf("Exit codes:\n");
    assertTrue(at >= 0, page);
    return page.substring(at).lines().skip(1).takeWhile(l -> !l.isBlank())
        .filter(l -> l.matches("^\\s{0,4}(\\d+|N)\\s{3}.*"))
        .map(l -> l.trim().split("\\s+")[0]).collect(Collectors.toSet());
  }

  @Test
  void helpCommandShowsTheSamePageAsDashDashHelp() {
    for (String command : COMMANDS) {
      MainTest.Run viaHelp = MainTest.run(args("help " + command));
      assertEquals(0, viaHelp.code(), command + ": " + viaHelp.err());
      assertEquals(help(command).out(), viaHelp.out(), command);
    }
    assertEquals(MainTest.run("--help").out(), MainTest.run("help").out());
  }

  @Test
  void helpForNoSuchCommandIsAUsageErrorWithASuggestion() {
    MainTest.Run r = MainTest.run("help", "scna");
    assertEquals(2, r.code());
    assertEquals("procsweep: 'scna' is not a command of 'procsweep' (did you mean 'scan'?)"
        + " (commands: scan, watch, snapshot, explain, plan, clean, rules, run, hook, schedule, help)",
        r.err().lines().findFirst().orElse(""));
    MainTest.Run nested = MainTest.run("help", "rules", "lst");
    assertEquals(2, nested.code());
    assertTrue(nested.err().startsWith("procsweep: 'lst' is not a command of 'procsweep rules'"
        + " (did you mean 'list'?)"), nested.err());
  }

  @Test
  void everyCommandPrintsTheVersion() {
    String version = "procsweep " + ProcsweepCommand.version() + "\n"
        + ProcsweepCommand.runtime() + "\n";
    assertEquals(version, MainTest.run("--version").out());
    for (String command : COMMANDS) {
      MainTest.Run r = MainTest.run(args(command, "--version"));
      assertEquals(0, r.code(), command + ": " + r.err());
      assertEquals(version, r.out(), command);
    }
  }

  @Test
  void eachPageListsOnlyItsOwnExitCodes() {
    for (String command : COMMANDS) {
      assertEquals(CODES.get(command), listedCodes(help(command).out()), command);
    }
    String plan = help("plan").out();
    assertFalse(plan.contains("findings at or above --fail-on"), plan);
    assertFalse(plan.contains("survived"), plan);
    String clean = help("clean").out();
    assertTrue(clean.contains("declined"), clean);
    assertFalse(help("rules list").out().contains("process table"));
    // The root page gives the general list, and points to the commands' own.
    assertEquals(Set.of("0", "1", "2", "3", "4", "130"),
        listedCodes(MainTest.run("--help").out()));
  }

  @Test
  void requiredOptionsAreShownAsRequired() {
    String plan = help("plan").out();
    String synopsis = plan.substring(plan.indexOf("Usage:"), plan.indexOf("One action"));
    assertTrue(synopsis.contains(" --mode=safe|forced "), synopsis);
    assertFalse(synopsis.contains("[--mode"), synopsis);
    assertTrue(plan.contains("--mode=safe|forced    Required."), plan);

    String clean = help("clean").out();
    assertTrue(clean.contains("Usage: procsweep clean --mode=safe|forced [--dry-run | --yes]"
        + " [OPTIONS]\n       procsweep clean --plan=FILE [--dry-run | --yes] [OPTIONS]\n"),
        clean);
    assertTrue(clean.contains("Required, unless --plan"), clean);

    String schedule = help("schedule").out();
    assertTrue(schedule.contains(" --every=DURATION ") && schedule.contains(
        " --target=cron|systemd|windows ") && !schedule.contains("[--every"), schedule);
  }

  @Test
  void aMissingModeIsOneSentence() {
    MainTest.Run plan = MainTest.run("plan", "--sample", "0");
    assertEquals(2, plan.code());
    assertEquals("procsweep: Missing required option: '--mode=safe|forced'",
        plan.err().lines().findFirst().orElse(""));
    MainTest.Run clean = MainTest.run("clean", "--sample", "0", "--pid", "1");
    assertEquals(2, clean.code());
    assertEquals("procsweep: --mode is needed: safe or forced (or --plan FILE, a saved plan)\n",
        clean.err());
  }

  @Test
  void everyPageHasExamples() {
    for (String command : COMMANDS) {
      String page = help(command).out();
      assertTrue(page.contains("\nExample:\n  procsweep ")
          || page.contains("\nExamples:\n  procsweep "), command + ":\n" + page);
    }
  }

  @Test
  void examplesThatCleanByNameAreScopedToTheUsersOwnProcesses() {
    for (String command : List.of("plan", "clean")) {
      help(command).out().lines().filter(l -> l.startsWith("  procsweep ")
          && l.contains("--mode forced") && l.contains("--match"))
          .forEach(l -> assertTrue(l.contains("--user \"$USER\""), l));
    }
  }
}
