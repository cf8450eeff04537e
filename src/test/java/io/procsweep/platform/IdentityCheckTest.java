package io.procsweep.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityCheckTest {
  private static final ProcessIdentity T = new ProcessIdentity(4242, 1_700_000_000_120L, "sleep");

  @Test
  void exactMatchGoesAhead() {
    assertEquals(Optional.empty(), IdentityCheck.refusal(T, Observed.found(T, false)));
    assertTrue(IdentityCheck.alive(T, Observed.found(T, false)));
  }

  @Test
  void zombieIsTheSameProcessButNotAlive() {
    assertEquals(Optional.empty(), IdentityCheck.refusal(T, Observed.found(T, true)));
    assertFalse(IdentityCheck.alive(T, Observed.found(T, true)));
  }

  @Test
  void anyDifferenceIsChanged() {
    for (ProcessIdentity other : new ProcessIdentity[] {
        new ProcessIdentity(4242, T.startTimeMs() + 10, "sleep"), // one tick later: pid reuse
        new ProcessIdentity(4242, T.startTimeMs(), "sleeq"),
        new ProcessIdentity(4242, T.startTimeMs(), "Sleep"),
        new ProcessIdentity(4243, T.startTimeMs(), "sleep")}) {
      assertEquals(Optional.of(SignalResult.CHANGED),
          IdentityCheck.refusal(T, Observed.found(other, false)), other.toString());
      assertFalse(IdentityCheck.alive(T, Observed.found(other, false)));
    }
  }

  @Test
  void goneAndUnreadableAreNotSignalled() {
    assertEquals(Optional.of(SignalResult.GONE), IdentityCheck.refusal(T, Observed.gone()));
    assertEquals(Optional.of(SignalResult.UNREADABLE),
        IdentityCheck.refusal(T, Observed.unreadable("access denied")));
    assertFalse(IdentityCheck.alive(T, Observed.gone()));
    assertFalse(IdentityCheck.alive(T, Observed.unreadable("x")));
  }

  @Test
  void onlyPositivePidsAreSignallable() {
    // kill(0) is the caller's process group, kill(-1) every process: never pass either on.
    assertFalse(IdentityCheck.signallablePid(0));
    assertFalse(IdentityCheck.signallablePid(-1));
    assertFalse(IdentityCheck.signallablePid(-4242));
    assertTrue(IdentityCheck.signallablePid(1));
  }

  @Test
  void signalNumbersAndErrnos() {
    assertEquals(15, UnixSignals.linux(Signal.TERM));
    assertEquals(9, UnixSignals.linux(Signal.KILL));
    assertEquals(17, UnixSignals.linux(Signal.CHLD));
    assertEquals(15, UnixSignals.mac(Signal.TERM));
    assertEquals(9, UnixSignals.mac(Signal.KILL));
    assertEquals(20, UnixSignals.mac(Signal.CHLD));
    assertEquals(19, UnixSignals.linux(Signal.STOP));
    assertEquals(18, UnixSignals.linux(Signal.CONT));
    assertEquals(17, UnixSignals.mac(Signal.STOP));
    assertEquals(19, UnixSignals.mac(Signal.CONT));
    assertEquals(SignalResult.GONE, UnixSignals.failure(3));
    assertEquals(SignalResult.DENIED, UnixSignals.failure(1));
    assertEquals(SignalResult.ERROR, UnixSignals.failure(22));
  }
}
