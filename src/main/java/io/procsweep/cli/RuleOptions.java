package io.procsweep.cli;

import io.procsweep.facts.FactRegistry;
import io.procsweep.rules.RuleInput;
import io.procsweep.rules.RuleInputs;
import io.procsweep.rules.RuleLoadException;
import io.procsweep.rules.RuleLoader;
import io.procsweep.rules.RuleSet;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which rule files to load: the shipped defaults, then each --rules file or folder, in order. */
final class RuleOptions {
  /** Shipped rule sets, layered in this order. */
  static final List<String> SHIPPED = List.of("rules/default.yaml", "rules/dev-servers.yaml");

  @Option(names = "--rules", paramLabel = "PATH",
      description = "Rule file or folder (*.yaml, *.yml in name order), layered after the shipped"
          + " rules; repeatable.")
  List<Path> rulePaths = new ArrayList<>();

  @Option(names = "--no-default-rules",
      description = "Start from no rules instead of the shipped ones (default.yaml,"
          + " dev-servers.yaml).")
  boolean noDefaultRules;

  RuleSet load(FactRegistry facts) throws RuleLoadException {
    return new RuleLoader(facts).load(inputs(rulePaths));
  }

  /** The shipped rules (unless turned off) followed by the given paths. */
  List<RuleInput> inputs(List<Path> paths) {
    List<RuleInput> inputs = new ArrayList<>();
    if (!noDefaultRules) {
      for (String name : SHIPPED) {
        try {
          inputs.add(RuleInputs.builtin(name));
        } catch (IOException e) {
          throw new IllegalStateException("shipped rule set " + name + " missing from the jar", e);
        }
      }
    }
    for (Path p : paths) {
      try {
        List<RuleInput> found = RuleInputs.fromPath(p);
        if (found.isEmpty()) {
          throw new UserException("rule folder '" + p + "' holds no .yaml or .yml files");
        }
        inputs.addAll(found);
      } catch (NoSuchFileException e) {
        throw new UserException("rule file '" + p + "' does not exist");
      } catch (FileSystemException e) {
        // The reason only ("not a regular file (fifo)", "larger than 1 MiB"): the path is
        // already in the sentence, and no file content ever is. The JDK's own exceptions
        // (listing a folder) carry no reason, only the path again.
        throw new UserException("cannot read rule " + (Files.isDirectory(p) ? "folder" : "file")
            + " '" + p + "': " + reason(e), e);
      } catch (IOException e) {
        throw new UserException("cannot read rule file '" + p + "': " + e.getMessage(), e);
      }
    }
    return inputs;
  }

  private static String reason(FileSystemException e) {
    if (e.getReason() != null) {
      return e.getReason();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])",
        "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
