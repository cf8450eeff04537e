package io.procsweep.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.platform.Os;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateLocationTest {
  private static final Path HOME = Path.of("/home/alice");

  @Test
  void rootKeepsItsStateInVarLib() {
    assertEquals(Path.of("/var/lib/procsweep/state.json"),
        StateLocation.of(Os.LINUX, true, Map.of("XDG_STATE_HOME", "/x"), HOME));
  }

  @Test
  void otherUsersFollowXdgAndIgnoreARelativeValue() {
    assertEquals(Path.of("/srv/state/procsweep/state.json"),
        StateLocation.of(Os.LINUX, false, Map.of("XDG_STATE_HOME", "/srv/state"), HOME));
    assertEquals(Path.of("/home/alice/.local/state/procsweep/state.json"),
        StateLocation.of(Os.LINUX, false, Map.of("XDG_STATE_HOME", "state"), HOME));
    assertEquals(Path.of("/home/alice/.local/state/procsweep/state.json"),
        StateLocation.of(Os.MACOS, false, Map.of(), HOME));
  }

  @Test
  void theDefaultIsAlwaysAbsolute() {
    assertTrue(StateLocation.current(false).isAbsolute());
    assertTrue(StateLocation.current(true).isAbsolute());
  }
}
