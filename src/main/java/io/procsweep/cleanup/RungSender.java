package io.procsweep.cleanup;

import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one rung. A process that two actions share (a kill-tree member that is also a finding
 * of its own) gets the rung's signal once; the second action records the same delivery.
 */
final class RungSender {
  private final Signaller signaller;
  private final Map<String, SignalRecord> sent = new HashMap<>();

  RungSender(Signaller signaller) {
    this.signaller = signaller;
  }

  SignalResult send(String action, Target t, Signal signal, Policy.Role role,
      List<SignalRecord> log) throws Halt {
    String key = t.pid() + "/" + t.startTimeMs() + "/" + signal.name();
    SignalRecord earlier = sent.get(key);
    if (earlier != null) {
      log.add(earlier);
      return SignalResult.SENT;
    }
    int before = log.size();
    SignalResult r = signaller.send(action, t, signal, role, log);
    if (r == SignalResult.SENT) {
      for (int i = before; i < log.size(); i++) {
        SignalRecord rec = log.get(i);
        if (rec.pid() == t.pid() && rec.signal() == signal) {
          sent.put(key, rec);
          break;
        }
      }
    }
    return r;
  }

  /** The message of the last ERROR or REFUSED result, for the outcome. */
  String lastError() {
    return signaller.lastError();
  }
}
