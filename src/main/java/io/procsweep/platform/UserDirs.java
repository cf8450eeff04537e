package io.procsweep.platform;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a user's own state lives, for files procsweep keeps per user (audit log, state file):
 * one answer, so they never end up in two different folders.
 */
public final class UserDirs {
  private UserDirs() {}

  /**
   * The user's state folder: Windows {@code %LOCALAPPDATA%} (else {@code home\AppData\Local}),
   * elsewhere {@code $XDG_STATE_HOME} (else {@code ~/.local/state}). An unset, empty or relative
   * variable is ignored, as the XDG specification says. Pure, so every platform is testable.
   *
   * @param home the user's home directory (from the password database, not {@code $HOME})
   */
  public static Path state(Os os, Map<String, String> env, Path home) {
    if (os == Os.WINDOWS) {
      return absolute(env.get("LOCALAPPDATA")).orElse(home.resolve("AppData").resolve("Local"));
    }
    return absolute(env.get("XDG_STATE_HOME")).orElse(home.resolve(".local/state"));
  }

  private static Optional<Path> absolute(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path p = Path.of(value);
      return p.isAbsolute() ? Optional.of(p) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
