package dev.wasmmemory.store.heap;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.store.InstanceSnapshots;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.OwnerQuotas;
import dev.wasmmemory.store.RecordStore;
import dev.wasmmemory.store.ShareKeys;
import dev.wasmmemory.store.ShareRecord;
import dev.wasmmemory.store.SnapshotStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memories in this JVM's heap only ({@code memory.store=heap}): the fastest store and a volatile
 * one, for tests and throwaway runs. A restart loses every memory.
 */
public final class HeapMemoryStore implements MemoryStore {
  /** A memory and what the store keeps about it; size and version are read from the memory. */
  private record Entry(MemoryInstance memory, String owner, Instant createdAt, Instant lastUsed) {
    MemoryRecord record() {
      try {
        return new MemoryRecord(
            memory.id(),
            memory.limits(),
            owner,
            createdAt,
            lastUsed,
            memory.currentPages(),
            memory.version());
      } catch (MemoryClosedException deleted) {
        return null;
      }
    }
  }

  private final Map<String, Entry> memories = new ConcurrentHashMap<>();
  private final Map<String, ShareRecord> shares = new ConcurrentHashMap<>();
  private final byte[] signingKey = ShareKeys.random();
  private final OwnerQuotas quotas;
  private final Clock clock;
  private final RecordStore records = new HeapRecordStore();
  private final InstanceSnapshots snapshots =
      new InstanceSnapshots(InstanceSnapshots.Persistence.NONE);

  /**
   * Held while an owner's memories are counted and one more is made, when that count is bounded.
   */
  private final Object creating = new Object();

  public HeapMemoryStore(PageBudget budget, Clock clock) {
    this(OwnerQuotas.none(budget), clock);
  }

  public HeapMemoryStore(OwnerQuotas quotas, Clock clock) {
    this.quotas = quotas;
    this.clock = clock;
  }

  @Override
  public LinearMemory create(MemoryLimits limits, String owner) {
    if (owner == null || quotas.maxMemories() == Integer.MAX_VALUE) {
      return add(limits, owner);
    }
    synchronized (creating) {
      quotas.checkCount(
          owner, memories.values().stream().filter(e -> owner.equals(e.owner())).count());
      return add(limits, owner);
    }
  }

  private LinearMemory add(MemoryLimits limits, String owner) {
    String id = UUID.randomUUID().toString();
    MemoryInstance memory = MemoryInstance.create(id, limits, quotas.budgetOf(owner));
    Instant now = clock.instant();
    memories.put(id, new Entry(memory, owner, now, now));
    return memory;
  }

  @Override
  public Optional<Owned> findOwned(String id) {
    return Optional.ofNullable(memories.get(id)).map(e -> new Owned(e.memory(), e.owner()));
  }

  @Override
  public Optional<LinearMemory> find(String id) {
    return Optional.ofNullable(memories.get(id)).map(Entry::memory);
  }

  @Override
  public Optional<MemoryRecord> record(String id) {
    return Optional.ofNullable(memories.get(id)).map(Entry::record);
  }

  @Override
  public List<MemoryRecord> list() {
    return memories.values().stream()
        .map(Entry::record)
        .filter(Objects::nonNull)
        .sorted(Comparator.comparing(MemoryRecord::createdAt).thenComparing(MemoryRecord::id))
        .toList();
  }

  @Override
  public int count() {
    return memories.size();
  }

  @Override
  public boolean delete(LinearMemory memory) {
    Entry entry = memories.get(memory.id());
    if (entry == null) {
      return false;
    }
    memory.close();
    snapshots.forget(memory.id());
    return memories.remove(memory.id(), entry);
  }

  @Override
  public Optional<SnapshotStore> snapshots() {
    return Optional.of(snapshots);
  }

  @Override
  public void touch(String id, Instant now) {
    memories.computeIfPresent(
        id, (ignored, entry) -> new Entry(entry.memory(), entry.owner(), entry.createdAt(), now));
  }

  @Override
  public RecordStore records() {
    return records;
  }

  @Override
  public long storedBytes() {
    long pages = 0;
    for (Entry entry : memories.values()) {
      try {
        pages += entry.memory().materializedPages() + entry.memory().snapshotOnlyPages();
      } catch (MemoryClosedException deleted) {
        // Deleted while we counted: its pages are no longer stored.
      }
    }
    return Pages.toBytes(pages);
  }

  @Override
  public void saveShare(ShareRecord share) {
    shares.put(share.id(), share);
  }

  @Override
  public Optional<ShareRecord> share(String shareId) {
    ShareRecord share = shares.get(shareId);
    if (share != null && share.expiredAt(clock.instant())) {
      shares.remove(shareId, share);
      return Optional.empty();
    }
    return Optional.ofNullable(share);
  }

  @Override
  public boolean deleteShare(String shareId) {
    return shares.remove(shareId) != null;
  }

  @Override
  public byte[] signingKey() {
    return signingKey.clone();
  }

  @Override
  public void close() {
    memories.values().forEach(entry -> entry.memory().close());
    memories.clear();
  }
}
