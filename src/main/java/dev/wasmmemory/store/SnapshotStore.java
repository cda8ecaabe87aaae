package dev.wasmmemory.store;

import dev.wasmmemory.memory.FrozenPages;
import dev.wasmmemory.memory.LinearMemory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots of a store's memories, kept as the store keeps the memories (in the heap, or with
 * them in RocksDB, surviving restarts). A snapshot shares its memory's pages copy-on-write ({@link
 * FrozenPages}): taking one costs a table of page references, and a page is copied only when the
 * memory next writes it, which is paid for from the memory's budget.
 *
 * <p>A store's {@link MemoryStore#delete} deletes the memory's snapshots with it.
 */
public interface SnapshotStore {
  /** Takes a snapshot of {@code memory} (one of this store's) under {@code id}, as of now. */
  Snapshot take(LinearMemory memory, String id, Instant createdAt);

  /** The memory's snapshots, oldest first. */
  List<SnapshotRecord> list(String memoryId);

  /** The snapshot with this id, of any memory, or empty. */
  Optional<Snapshot> find(String snapshotId);

  /** Deletes a snapshot of {@code memory}; false when it has none under that id. */
  boolean delete(LinearMemory memory, String snapshotId);

  /**
   * Makes {@code memory}'s bytes and size those of {@code snapshot} (one of its own), as one
   * mutation; answers the memory's new version.
   */
  long restore(LinearMemory memory, Snapshot snapshot);

  /** The memory's pages now, to compare with a snapshot; close it when done. */
  Capture capture(LinearMemory memory);

  /** Snapshots held over all memories. */
  int count();

  /** What a store keeps about a snapshot. */
  record SnapshotRecord(
      String id, String memoryId, long version, int currentPages, Instant createdAt) {}

  /** A snapshot and its pages. */
  record Snapshot(SnapshotRecord record, FrozenPages pages) {}

  /** A memory's pages at one instant, kept until closed. */
  record Capture(FrozenPages pages, Runnable release) implements AutoCloseable {
    @Override
    public void close() {
      release.run();
    }
  }
}
