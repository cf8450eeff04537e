package io.procsweep.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.LastErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The check-then-kill flow against a fake process table and a recording kill(2). */
class KillFlowTest {
  private static final ProcessIdentity T = new ProcessIdentity(4242, 1_700_000_000_120L, "sleep");

  /** Records every kill(pid, sig) as "pid:sig"; fails with {@code errno} when it is not 0. */
  private static final class FakeKill implements KillFlow.Kill {
    final List<String> calls = new ArrayList<>();
    int probeErrno; // answer to kill(pid, 0)
    int signalErrno; // answer to a real signal

    @Override
    public void kill(int pid, int sig) {
      calls.add(pid + ":" + sig);
      int errno = sig == 0 ? probeErrno : signalErrno;
      if (errno != 0) {
        throw new LastErrorException(errno);
      }
    }
  }

  private static SignalResult run(Observed seen, FakeKill kill) {
    IntFunction<Observed> table = pid -> seen;
    return KillFlow.signal(T, 15, table, kill);
  }

  @Test
  void matchIsSignalled() {
    FakeKill kill = new FakeKill();
    assertEquals(SignalResult.SENT, run(Observed.found(T, false), kill));
    assertEquals(List.of("4242:15"), kill.calls);
  }

  @Test
  void changedIsNeverSignalled() {
    FakeKill kill = new FakeKill();
    ProcessIdentity reused = new ProcessIdentity(4242, T.startTimeMs() + 5000, "sleep");
    assertEquals(SignalResult.CHANGED, run(Observed.found(reused, false), kill));
    assertEquals(List.of(), kill.calls);
  }

  @Test
  void unreadableIsNeverSignalled() {
    FakeKill kill = new FakeKill();
    assertEquals(SignalResult.UNREADABLE, run(Observed.unreadable("denied"), kill));
    assertEquals(List.of(), kill.calls);
  }

  @Test
  void goneIsConfirmedWithSignalZero() {
    FakeKill kill = new FakeKill();
    kill.probeErrno = UnixSignals.ESRCH;
    assertEquals(SignalResult.GONE, run(Observed.gone(), kill));
    assertEquals(List.of("4242:0"), kill.calls);
  }

  @Test
  void hiddenButExistingIsUnreadable() {
    // hidepid=2, or OSHI on macOS failing on a zombie: the read found nothing, the kernel has it.
    FakeKill kill = new FakeKill();
    assertEquals(SignalResult.UNREADABLE, run(Observed.gone(), kill));
    kill = new FakeKill();
    kill.probeErrno = UnixSignals.EPERM;
    assertEquals(SignalResult.UNREADABLE, run(Observed.gone(), kill));
    assertEquals(List.of("4242:0"), kill.calls);
  }

  @Test
  void killErrorsAreMapped() {
    FakeKill kill = new FakeKill();
    kill.signalErrno = UnixSignals.ESRCH; // reaped between the check and the kill
    assertEquals(SignalResult.GONE, run(Observed.found(T, false), kill));
    kill.signalErrno = UnixSignals.EPERM;
    assertEquals(SignalResult.DENIED, run(Observed.found(T, false), kill));
    kill.signalErrno = UnixSignals.EINVAL;
    assertEquals(SignalResult.ERROR, run(Observed.found(T, false), kill));
  }

  @Test
  void nonPositivePidsNeverReachKill() {
    for (int pid : new int[] {0, -1}) {
      FakeKill kill = new FakeKill();
      ProcessIdentity bad = new ProcessIdentity(pid, T.startTimeMs(), "sleep");
      // Even a table that claims the identity matches must not lead to kill(0) or kill(-1).
      assertEquals(SignalResult.ERROR,
          KillFlow.signal(bad, 9, p -> Observed.found(bad, false), kill));
      assertEquals(List.of(), kill.calls);
    }
  }
}
