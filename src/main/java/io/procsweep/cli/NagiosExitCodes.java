package io.procsweep.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The exit codes of {@code scan --format nagios} in scan's --help, as a section of their own
 * after the usual list: they reuse 0 to 3 with the Nagios plugin meanings.
 */
final class NagiosExitCodes {
  private static final String SECTION = "nagiosExitCodes";

  private NagiosExitCodes() {}

  static void addTo(CommandSpec scan) {
    Map<String, String> codes = new LinkedHashMap<>();
    for (ExitCode c : ExitCode.values()) {
      if (c.nagios()) {
        codes.put(String.format("%3d", c.code()), c.meaning());
      }
    }
    UsageMessageSpec usage = scan.usageMessage();
    if (usage.sectionKeys().contains(SECTION)) {
      return;
    }
    List<String> keys = new ArrayList<>(usage.sectionKeys());
    keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST) + 1, SECTION);
    usage.sectionKeys(keys);
    usage.sectionMap().put(SECTION, help -> help.createHeading(
        "%nExit codes with --format nagios (the Nagios plugin states):%n")
        + help.createTextTable(codes).toString());
  }
}
