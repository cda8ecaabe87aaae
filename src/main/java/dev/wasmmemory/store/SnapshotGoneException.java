package dev.wasmmemory.store;

/**
 * The snapshot was deleted while it was being read or restored (a store that keeps snapshots
 * outside this process, where another replica may delete one at any time).
 */
public final class SnapshotGoneException extends RuntimeException {
  private final String snapshotId;

  public SnapshotGoneException(String snapshotId) {
    super("snapshot " + snapshotId + " was deleted meanwhile");
    this.snapshotId = snapshotId;
  }

  public String snapshotId() {
    return snapshotId;
  }
}
