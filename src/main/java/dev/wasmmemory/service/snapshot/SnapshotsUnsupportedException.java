package dev.wasmmemory.service.snapshot;

/** The configured store keeps no snapshots (see the README's storage section). */
public final class SnapshotsUnsupportedException extends RuntimeException {
  public SnapshotsUnsupportedException() {
    super("this service's store keeps no snapshots; the heap and rocksdb stores do");
  }
}
