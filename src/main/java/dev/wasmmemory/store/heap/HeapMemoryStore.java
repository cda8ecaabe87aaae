package dev.wasmmemory.store.heap;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.RecordStore;
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
  private final PageBudget budget;
  private final Clock clock;
  private final RecordStore records = new HeapRecordStore();

  public HeapMemoryStore(PageBudget budget, Clock clock) {
    this.budget = budget;
    this.clock = clock;
  }

  @Override
  public LinearMemory create(MemoryLimits limits, String owner) {
    String id = UUID.randomUUID().toString();
    MemoryInstance memory = MemoryInstance.create(id, limits, budget);
    Instant now = clock.instant();
    memories.put(id, new Entry(memory, owner, now, now));
    return memory;
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
    return memories.remove(memory.id(), entry);
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
        pages += entry.memory().materializedPages();
      } catch (MemoryClosedException deleted) {
        // Deleted while we counted: its pages are no longer stored.
      }
    }
    return Pages.toBytes(pages);
  }

  @Override
  public void close() {
    memories.values().forEach(entry -> entry.memory().close());
    memories.clear();
  }
}
