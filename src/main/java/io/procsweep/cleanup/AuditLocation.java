package io.procsweep.cleanup;

import io.procsweep.platform.Os;
import io.procsweep.platform.UserDirs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the audit log lives when {@code --audit} is not given: a per-user state or log
 * directory, never the working directory (a relative default would let whoever controls the
 * directory root happens to run in decide what root appends to).
 *
 * <ul>
 *   <li>root on Linux and other Unix: {@code /var/log/procsweep/audit.jsonl}
 *   <li>root on macOS: {@code /Library/Logs/procsweep/audit.jsonl} ({@code /var} is a symlink
 *       there, which the audit log refuses to follow)
 *   <li>other users on Linux and other Unix: {@code $XDG_STATE_HOME/procsweep/audit.jsonl},
 *       default {@code ~/.local/state/procsweep/audit.jsonl}
 *   <li>other users on macOS: {@code ~/Library/Logs/procsweep/audit.jsonl}
 *   <li>Windows: {@code %LOCALAPPDATA%\procsweep\audit.jsonl}
 * </ul>
 */
public final class AuditLocation {
  static final String DIR = "procsweep";
  static final String FILE = "audit.jsonl";

  /** The system-wide directory root's log goes into, on Linux and other Unix. */
  public static final Path ROOT_DIR = Path.of("/var/log", DIR);

  /** The same for root on macOS. */
  public static final Path MAC_ROOT_DIR = Path.of("/Library/Logs", DIR);

  /** One line for {@code --help}. */
  public static final String HELP = "root: /var/log/procsweep/audit.jsonl (macOS:"
      + " /Library/Logs/procsweep/); other users: $XDG_STATE_HOME/procsweep/audit.jsonl"
      + " (default ~/.local/state/...; macOS ~/Library/Logs/procsweep/;"
      + " Windows: procsweep\\audit.jsonl under LOCALAPPDATA)";

  private AuditLocation() {}

  /** The default for this process: its OS, its uid, its environment and home directory. */
  public static Path current(Optional<Integer> uid) {
    return of(Os.current(), uid.map(u -> u == 0).orElse(false), System.getenv(),
        Path.of(System.getProperty("user.home")));
  }

  /**
   * The default for the given circumstances; pure, so every platform's answer is testable
   * anywhere.
   *
   * @param root whether procsweep runs as uid 0 (ignored on Windows)
   * @param env the environment ({@code XDG_STATE_HOME}, {@code LOCALAPPDATA})
   * @param home the user's home directory (from the password database, not {@code $HOME})
   */
  public static Path of(Os os, boolean root, Map<String, String> env, Path home) {
    if (os == Os.WINDOWS) {
      return UserDirs.state(os, env, home).resolve(DIR).resolve(FILE);
    }
    if (os == Os.MACOS) {
      return (root ? MAC_ROOT_DIR : home.resolve("Library/Logs").resolve(DIR)).resolve(FILE);
    }
    if (root) {
      return ROOT_DIR.resolve(FILE);
    }
    return UserDirs.state(os, env, home).resolve(DIR).resolve(FILE);
  }

  /** Whether {@code dir} is one of the system-wide log directories, created 0750 not 0700. */
  static boolean systemDir(Path dir) {
    return dir.equals(ROOT_DIR) || dir.equals(MAC_ROOT_DIR);
  }
}
