package io.procsweep.cli;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.procsweep.scan.Scope;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Scope filters shared by scan, plan and clean (DESIGN §7). */
final class ScopeOptions {
  @Option(names = "--pid", paramLabel = "PID", split = ",",
      description = "Only these pids (repeatable, or comma-separated).")
  List<Integer> pids = new ArrayList<>();

  @Option(names = "--user", paramLabel = "USER", split = ",",
      description = "Only processes of these users (name or uid; a name this machine does not"
          + " know is an error).")
  List<String> users = new ArrayList<>();

  @Option(names = "--match", paramLabel = "REGEX",
      description = "Only processes whose command line matches (RE2 syntax, unanchored); a"
          + " zombie, which has none, is also matched by its parent's.")
  String match;

  @Option(names = "--descendants-of", paramLabel = "PID", split = ",",
      description = "Only descendants of these pids (a pid no process has is an error).")
  List<Integer> descendantsOf = new ArrayList<>();

  @Option(names = "--port", paramLabel = "PORT", split = ",",
      description = "Only the processes listening on PORT (TCP or UDP), their descendants, and"
          + " their ancestors in the same process group (the wrapper that started them, such as"
          + " npm exec). Repeatable, or comma-separated.")
  List<Integer> ports = new ArrayList<>();

  @Option(names = "--repo", paramLabel = "DIR",
      description = "Only the processes of the repository in DIR: those whose working directory"
          + " or executable is DIR or below it, their descendants, and the trees of the"
          + " listeners on the ports the rule files watch (their " + WatchedPorts.LIST
          + " list).")
  Path repo;

  /** The ports the rule files watch, for --repo; set by {@link ScanSettings#loadRules}. */
  Set<Integer> watchedPorts = Set.of();

  @Option(names = "--category", paramLabel = "NAME", split = ",",
      description = "Only rules of these categories (zombie, orphan, stale-listener, hung, ...).")
  List<String> categories = new ArrayList<>();

  @Option(names = "--rule", paramLabel = "ID", split = ",", description = "Only these rule ids.")
  List<String> rules = new ArrayList<>();

  Scope toScope() {
    Pattern pattern = null;
    if (match != null) {
      try {
        pattern = Pattern.compile(match);
      } catch (PatternSyntaxException e) {
        throw new UserException("--match '" + match + "' is not a valid regular expression: "
            + e.getDescription());
      }
    }
    for (int port : ports) {
      if (port < 1 || port > 65535) {
        throw new UserException("--port " + port + " is not a port number (1 to 65535)");
      }
    }
    return new Scope(new HashSet<>(pids), new HashSet<>(users), pattern,
        new HashSet<>(descendantsOf), new HashSet<>(categories), new HashSet<>(rules),
        new HashSet<>(ports), repoDirectory(), repo == null ? Set.of() : watchedPorts);
  }

  /**
   * The {@code --repo} directory as the kernel names working directories and executables:
   * absolute, symlinks resolved. Null without {@code --repo}.
   */
  private String repoDirectory() {
    if (repo == null) {
      return null;
    }
    try {
      Path real = repo.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new UserException("--repo " + repo + " is not a directory");
      }
      return real.toString();
    } catch (NoSuchFileException e) {
      throw new UserException("--repo " + repo + ": no such directory");
    } catch (IOException e) {
      throw new UserException("--repo " + repo + ": cannot resolve it ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
    }
  }

  /**
   * Checks what can be checked before reading the process table: every {@code --user} is a uid
   * (any number: a container's uid need not be in the passwd database) or a name the system's
   * user database knows. A misspelt name would otherwise be an empty scan that reads as "all
   * clear".
   */
  void checkUsers() {
    UserPrincipalLookupService users;
    try {
      users = FileSystems.getDefault().getUserPrincipalLookupService();
    } catch (UnsupportedOperationException e) {
      return; // nothing to ask; names are compared as given
    }
    for (String user : this.users) {
      if (user.isEmpty()) {
        throw new UserException("--user needs a user name or uid, got an empty one");
      }
      if (user.chars().allMatch(c -> c >= '0' && c <= '9')) {
        continue;
      }
      try {
        users.lookupPrincipalByName(user);
      } catch (UserPrincipalNotFoundException e) {
        throw new UserException("--user '" + user + "' is not a user on this machine (give a"
            + " user name or a numeric uid)");
      } catch (IOException e) {
        // The user database could not be asked (NSS down): do not turn that into a refusal.
      }
    }
  }
}
