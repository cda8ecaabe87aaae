package dev.wasmmemory.service.snapshot;

/** The memory has no snapshot with this id (never taken, deleted, or the memory's gone). */
public final class SnapshotNotFoundException extends RuntimeException {
  private final String memoryId;
  private final String snapshotId;

  /** {@code memoryId} null: no memory the caller may see has a snapshot with this id. */
  public SnapshotNotFoundException(String memoryId, String snapshotId) {
    super(
        memoryId == null
            ? "no snapshot with id " + snapshotId
            : "memory " + memoryId + " has no snapshot " + snapshotId);
    this.memoryId = memoryId;
    this.snapshotId = snapshotId;
  }

  public String memoryId() {
    return memoryId;
  }

  public String snapshotId() {
    return snapshotId;
  }
}
