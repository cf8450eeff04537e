package io.procsweep.snapshot;

import io.procsweep.platform.Os;

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
    return Os.current() == Os.LINUX ? PROC : OSHI;
  }
}
