package io.procsweep.snapshot;

/** Portable backend through OSHI. (skeleton, being implemented) */
public final class OshiSnapshotSource implements SnapshotSource {
  @Override
  public String name() {
    return "oshi";
  }

  @Override
  public Snapshot read(boolean withListeners) throws SnapshotException {
    throw new SnapshotException("oshi backend not implemented yet");
  }
}
