package io.procsweep.cleanup;

import java.util.Objects;

/** A descendant that a kill-tree leaves alone, and why. */
public record Excluded(Target process, KeepReason reason, String detail) {
  public Excluded {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(reason, "reason");
  }
}
