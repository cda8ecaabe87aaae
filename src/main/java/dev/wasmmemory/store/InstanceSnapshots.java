package dev.wasmmemory.store;

import dev.wasmmemory.memory.FrozenPages;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Snapshots of {@link MemoryInstance}s (the heap and RocksDB stores): the engine freezes and
 * restores the pages ({@link MemoryInstance#freeze}), this class keeps who holds which, and a
 * {@link Persistence} keeps them where the store keeps its memories.
 *
 * <p>A memory's snapshots change under its list's monitor, and the memory's pages under its own
 * lock, taken inside the monitor (never the other way round): taking and deleting snapshots of one
 * memory run one at a time, and a deletion knows exactly which pages the others still hold.
 */
public final class InstanceSnapshots implements SnapshotStore {
  /** Where a store keeps snapshots beyond the heap; {@link #NONE} for the heap store. */
  public interface Persistence {
    Persistence NONE =
        new Persistence() {
          @Override
          public void saved(Snapshot snapshot) {}

          @Override
          public void deleted(Snapshot snapshot) {}

          @Override
          public void freed(List<Object> pages) {}
        };

    /** The snapshot was taken (the memory's lock is released again). */
    void saved(Snapshot snapshot);

    /**
     * The snapshot is being deleted: its record goes, durably, before the memory may write the
     * pages it held in place. A failure here leaves the snapshot as it was.
     */
    void deleted(Snapshot snapshot);

    /**
     * Pages that neither the memory nor another snapshot holds any more, after a deletion; a
     * failure here leaves them stored but unused (space, not bytes anyone reads).
     */
    void freed(List<Object> pages);
  }

  private final Map<String, List<Snapshot>> byMemory = new ConcurrentHashMap<>();
  private final Map<String, Snapshot> byId = new ConcurrentHashMap<>();
  private final Persistence persistence;

  public InstanceSnapshots(Persistence persistence) {
    this.persistence = persistence;
  }

  /** A snapshot the store read back at start-up; its memory adopts it when opened. */
  public void loaded(Snapshot snapshot) {
    byMemory.computeIfAbsent(snapshot.record().memoryId(), id -> new ArrayList<>()).add(snapshot);
    byId.put(snapshot.record().id(), snapshot);
  }

  @Override
  public Snapshot take(LinearMemory memory, String id, Instant createdAt) {
    List<Snapshot> list = listOf(memory.id());
    synchronized (list) {
      FrozenPages pages = instance(memory).freeze();
      Snapshot snapshot =
          new Snapshot(
              new SnapshotRecord(id, memory.id(), pages.version(), pages.pages(), createdAt),
              pages);
      try {
        persistence.saved(snapshot);
      } catch (RuntimeException e) {
        // Not kept: the memory holds its pages alone again, as if no snapshot had been taken.
        try {
          persistence.deleted(snapshot);
          persistence.freed(instance(memory).releaseSnapshot(pages, pagesOf(list)));
        } catch (RuntimeException again) {
          e.addSuppressed(again);
        }
        throw e;
      }
      list.add(snapshot);
      byId.put(id, snapshot);
      return snapshot;
    }
  }

  @Override
  public List<SnapshotRecord> list(String memoryId) {
    List<Snapshot> list = byMemory.get(memoryId);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return list.stream().map(Snapshot::record).toList();
    }
  }

  @Override
  public Optional<Snapshot> find(String snapshotId) {
    return Optional.ofNullable(byId.get(snapshotId));
  }

  @Override
  public boolean delete(LinearMemory memory, String snapshotId) {
    List<Snapshot> list = listOf(memory.id());
    synchronized (list) {
      Snapshot snapshot = byId.get(snapshotId);
      if (snapshot == null || !list.contains(snapshot)) {
        return false;
      }
      persistence.deleted(snapshot);
      list.remove(snapshot);
      byId.remove(snapshotId);
      persistence.freed(instance(memory).releaseSnapshot(snapshot.pages(), pagesOf(list)));
      return true;
    }
  }

  /**
   * The memory was deleted: its snapshots go with it (its pages, theirs included, went back to the
   * budget when it closed).
   */
  public void forget(String memoryId) {
    List<Snapshot> list = byMemory.remove(memoryId);
    if (list != null) {
      synchronized (list) {
        list.forEach(s -> byId.remove(s.record().id()));
      }
    }
  }

  /** The memory's snapshots, for a store that opens the memory again. */
  public List<Snapshot> of(String memoryId) {
    List<Snapshot> list = byMemory.get(memoryId);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  @Override
  public long restore(LinearMemory memory, Snapshot snapshot) {
    List<Snapshot> list = listOf(memory.id());
    synchronized (list) {
      return instance(memory).restore(snapshot.pages());
    }
  }

  @Override
  public Capture capture(LinearMemory memory) {
    MemoryInstance.Captured captured = instance(memory).capture();
    return new Capture(captured.pages(), captured::close);
  }

  @Override
  public int count() {
    return byId.size();
  }

  private List<Snapshot> listOf(String memoryId) {
    return byMemory.computeIfAbsent(memoryId, id -> new ArrayList<>());
  }

  private static List<FrozenPages> pagesOf(List<Snapshot> snapshots) {
    return snapshots.stream().map(Snapshot::pages).toList();
  }

  private static MemoryInstance instance(LinearMemory memory) {
    if (memory instanceof MemoryInstance instance) {
      return instance;
    }
    throw new IllegalArgumentException("not a memory of this store: " + memory.id());
  }
}
