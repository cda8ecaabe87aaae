package dev.wasmmemory.service.snapshot;

/** The memory holds as many snapshots as {@code memory.snapshots.max-per-memory} allows. */
public final class SnapshotLimitExceededException extends RuntimeException {
  private final int maxSnapshots;

  public SnapshotLimitExceededException(String memoryId, int maxSnapshots) {
    super(
        "memory "
            + memoryId
            + " holds "
            + maxSnapshots
            + " snapshots, as many as memory.snapshots.max-per-memory allows: delete one first");
    this.maxSnapshots = maxSnapshots;
  }

  public int maxSnapshots() {
    return maxSnapshots;
  }
}
