package io.procsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.procsweep.rules.RuleInput;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ports the loaded rule files watch: their list named {@value #LIST} (the shipped
 * dev-servers.yaml names the dev servers' default ports there). As with every list, a later
 * file that defines it again replaces it. {@code --repo} takes the listeners on these ports in.
 *
 * <p>Read from the rule files' text, after the loader has accepted them, because the loaded
 * {@code RuleSet} keeps no lists, only the conditions compiled from them.
 */
final class WatchedPorts {
  static final String LIST = "watched_ports";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private WatchedPorts() {}

  static Set<Integer> of(List<RuleInput> inputs) {
    Set<Integer> ports = new TreeSet<>();
    for (RuleInput input : inputs) {
      JsonNode list;
      try {
        list = YAML.readTree(input.content()).path("lists").path(LIST);
      } catch (IOException e) {
        continue; // the loader accepted the file; nothing to add if this reader cannot
      }
      if (!list.isArray()) {
        continue;
      }
      ports.clear();
      for (JsonNode item : list) {
        if (item.canConvertToInt() && item.isIntegralNumber()
            && item.asInt() >= 1 && item.asInt() <= 65535) {
          ports.add(item.asInt());
        }
      }
    }
    return ports;
  }
}
