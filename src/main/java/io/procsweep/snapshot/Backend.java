package io.procsweep.snapshot;

import java.util.Locale;

/** Snapshot backend choice; {@code AUTO} picks {@code PROC} on Linux, {@code OSHI} elsewhere. */
public enum Backend {
  AUTO,
  PROC,
  OSHI;

  /** The concrete backend this choice means on the running OS. */
  public Backend resolve() {
    if (this != AUTO) {
      return this;
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return os.contains("linux") ? PROC : OSHI;
  }
}
