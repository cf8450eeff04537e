package io.procsweep.snapshot;

/** The one place a backend is picked for the running OS. */
public final class SnapshotSources {
  private SnapshotSources() {}

  public static SnapshotSource create(Backend backend) {
    switch (backend.resolve()) {
      case PROC:
        return new ProcSnapshotSource();
      case OSHI:
        return new OshiSnapshotSource();
      default:
        throw new IllegalArgumentException("unresolved backend " + backend);
    }
  }
}
