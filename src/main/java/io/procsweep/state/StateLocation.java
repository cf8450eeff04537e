package io.procsweep.state;

import io.procsweep.platform.Os;
import io.procsweep.platform.UserDirs;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code --state} keeps its file when no FILE is given. Always absolute, never the
 * working directory: cron runs in {@code /}, and a relative default would put root's state
 * wherever a job happened to start.
 *
 * <ul>
 *   <li>root (Linux, macOS, other Unix): {@code /var/lib/procsweep/state.json}
 *   <li>other users: {@code $XDG_STATE_HOME/procsweep/state.json}, default
 *       {@code ~/.local/state/procsweep/state.json}
 *   <li>Windows: {@code %LOCALAPPDATA%\procsweep\state.json}
 * </ul>
 */
public final class StateLocation {
  static final String DIR = "procsweep";
  static final String FILE = "state.json";

  /** Where root's state lives. */
  public static final Path ROOT_FILE = Path.of("/var/lib", DIR, FILE);

  /** One line for {@code --help}. */
  public static final String HELP = "root: /var/lib/procsweep/state.json; other users:"
      + " $XDG_STATE_HOME/procsweep/state.json (default ~/.local/state/procsweep/state.json;"
      + " Windows: procsweep\\state.json under LOCALAPPDATA)";

  private StateLocation() {}

  /** The default for this process: its OS, whether it runs as root, its environment, home. */
  public static Path current(boolean root) {
    return of(Os.current(), root, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * The default for the given circumstances; pure, so every platform's answer is testable
   * anywhere.
   */
  public static Path of(Os os, boolean root, Map<String, String> env, Path home) {
    if (root && os != Os.WINDOWS) {
      return ROOT_FILE;
    }
    return UserDirs.state(os, env, home).resolve(DIR).resolve(FILE);
  }
}
