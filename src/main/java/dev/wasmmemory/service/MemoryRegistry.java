package dev.wasmmemory.service;

import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.MemoryLimits;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The memories the service holds, by id. Ids are random UUIDs (122 random bits), so an id is as
 * good as a credential. Every page of every memory is paid for from one {@link MemoryBudget}.
 */
public final class MemoryRegistry {
  private final ConcurrentMap<String, StoredMemory> memories = new ConcurrentHashMap<>();
  private final MemoryBudget budget;
  private final int maxMemories;
  private final LongSupplier clock;

  /** Memories created and not yet removed; bounded by {@link #maxMemories}. */
  private final AtomicInteger count = new AtomicInteger();

  public MemoryRegistry(MemoryBudget budget, int maxMemories, LongSupplier nanoClock) {
    this.budget = budget;
    this.maxMemories = maxMemories;
    this.clock = nanoClock;
  }

  public MemoryRegistry(MemoryBudget budget, int maxMemories) {
    this(budget, maxMemories, System::nanoTime);
  }

  /** Allocates a zeroed memory; see {@link MemoryInstance#alloc} for the limits it refuses. */
  public StoredMemory create(long initialPages, Long maximumPages) {
    if (count.incrementAndGet() > maxMemories) {
      count.decrementAndGet();
      throw new MemoryLimitExceededException(maxMemories);
    }
    try {
      MemoryInstance memory =
          MemoryInstance.create(
              UUID.randomUUID().toString(), MemoryLimits.of(initialPages, maximumPages), budget);
      StoredMemory stored = new StoredMemory(memory.id(), memory, clock.getAsLong());
      memories.put(stored.id(), stored);
      return stored;
    } catch (RuntimeException e) {
      count.decrementAndGet();
      throw e;
    }
  }

  /** The memory with this id, marked as used now. */
  public StoredMemory get(String id) {
    StoredMemory stored = memories.get(id);
    if (stored == null) {
      throw new MemoryNotFoundException(id);
    }
    stored.touch(clock.getAsLong());
    return stored;
  }

  /** Every memory, oldest first. */
  public List<StoredMemory> list() {
    return memories.values().stream()
        .sorted(Comparator.comparingLong(StoredMemory::createdNanos))
        .toList();
  }

  public int size() {
    return count.get();
  }

  public MemoryBudget budget() {
    return budget;
  }

  /** Drops the memory: its pages return to the budget; requests still running on it fail. */
  public void delete(String id) {
    remove(
        Optional.ofNullable(memories.remove(id))
            .orElseThrow(() -> new MemoryNotFoundException(id)));
  }

  /** Drops every memory not used for {@code maxIdle}; returns how many. */
  public int expireIdle(Duration maxIdle) {
    long now = clock.getAsLong();
    int expired = 0;
    for (StoredMemory stored : memories.values()) {
      if (now - stored.lastUsedNanos() >= maxIdle.toNanos()
          && memories.remove(stored.id(), stored)) {
        remove(stored);
        expired++;
      }
    }
    return expired;
  }

  private void remove(StoredMemory stored) {
    stored.memory().close();
    count.decrementAndGet();
  }
}
