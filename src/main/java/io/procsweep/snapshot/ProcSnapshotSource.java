package io.procsweep.snapshot;

/** Linux backend: reads /proc directly. (skeleton, being implemented) */
public final class ProcSnapshotSource implements SnapshotSource {
  @Override
  public String name() {
    return "proc";
  }

  @Override
  public Snapshot read(boolean withListeners) throws SnapshotException {
    throw new SnapshotException("proc backend not implemented yet");
  }
}
