package io.procsweep.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.LastErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** macOS decisions with a fake process table and kill(2); runs on every OS. */
class MacProcessControlTest {
  private static final ProcessIdentity T = new ProcessIdentity(501, 1_700_000_000_123L, "node");
  private static final ProcessIdentity Z = new ProcessIdentity(502, 1_700_000_000_456L, "sh");

  private final List<String> kills = new ArrayList<>();
  private final Map<Integer, Observed> table =
      Map.of(501, Observed.found(T, false), 502, Observed.found(Z, true));
  private final MacProcessControl control = new MacProcessControl(
      pid -> table.getOrDefault(pid, Observed.gone()),
      (pid, sig) -> {
        kills.add(pid + ":" + sig);
        if (!table.containsKey(pid)) {
          throw new LastErrorException(UnixSignals.ESRCH);
        }
      });

  @Test
  void chldIsTwentyOnMacos() {
    assertEquals(SignalResult.SENT, control.signal(T, Signal.CHLD));
    assertEquals(SignalResult.SENT, control.signal(T, Signal.TERM));
    assertEquals(SignalResult.SENT, control.signal(T, Signal.KILL));
    assertEquals(List.of("501:20", "501:15", "501:9"), kills);
  }

  @Test
  void stopAndContHaveTheBsdNumbers() {
    assertEquals(SignalResult.SENT, control.signal(T, Signal.STOP));
    assertEquals(SignalResult.SENT, control.signal(T, Signal.CONT));
    assertEquals(List.of("501:17", "501:19"), kills);
  }

  @Test
  void decisions() {
    assertEquals(SignalResult.CHANGED,
        control.signal(new ProcessIdentity(501, T.startTimeMs(), "nodejs"), Signal.TERM));
    assertEquals(SignalResult.GONE,
        control.signal(new ProcessIdentity(777, 1L, "gone"), Signal.TERM));
    assertEquals(List.of("777:0"), kills); // only the existence probe
    assertEquals(Optional.of(T), control.identity(501));
    assertEquals(Optional.empty(), control.identity(777));
    assertTrue(control.alive(T));
    assertFalse(control.alive(Z));
    assertEquals("kill", control.mechanism());
  }

  @Test
  void nameRuleMatchesTheOshiBackend() {
    assertEquals("node", MacProcessControl.oshiName("node", "/usr/local/bin/node"));
    assertEquals("node", MacProcessControl.oshiName("", "/usr/local/bin/node"));
    assertEquals("node", MacProcessControl.oshiName(null, "/usr/local/bin/node"));
    assertEquals("?", MacProcessControl.oshiName("", ""));
    assertEquals("?", MacProcessControl.oshiName(null, null));
  }
}
