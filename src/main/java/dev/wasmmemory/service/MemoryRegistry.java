package dev.wasmmemory.service;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
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
  /** Makes the storage of a new memory: the heap's {@link MemoryInstance} unless told otherwise. */
  @FunctionalInterface
  public interface Allocator {
    LinearMemory allocate(String id, MemoryLimits limits, PageBudget budget);
  }

  private final ConcurrentMap<String, StoredMemory> memories = new ConcurrentHashMap<>();
  private final MemoryBudget budget;
  private final int maxMemories;
  private final LongSupplier clock;
  private final Allocator allocator;

  /** Memories created and not yet removed; bounded by {@link #maxMemories}. */
  private final AtomicInteger count = new AtomicInteger();

  public MemoryRegistry(
      MemoryBudget budget, int maxMemories, LongSupplier nanoClock, Allocator allocator) {
    this.budget = budget;
    this.maxMemories = maxMemories;
    this.clock = nanoClock;
    this.allocator = allocator;
  }

  public MemoryRegistry(MemoryBudget budget, int maxMemories, LongSupplier nanoClock) {
    this(budget, maxMemories, nanoClock, MemoryInstance::create);
  }

  public MemoryRegistry(MemoryBudget budget, int maxMemories) {
    this(budget, maxMemories, System::nanoTime);
  }

  /** Allocates a zeroed memory; see {@link MemoryLimits#of} for the limits it refuses. */
  public StoredMemory create(long initialPages, Long maximumPages) {
    if (count.incrementAndGet() > maxMemories) {
      count.decrementAndGet();
      throw new MemoryLimitExceededException(maxMemories);
    }
    try {
      MemoryLimits limits = MemoryLimits.of(initialPages, maximumPages);
      LinearMemory memory = allocator.allocate(UUID.randomUUID().toString(), limits, budget);
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
    delete(id, OptionalLong.empty());
  }

  /**
   * Drops the memory if it is at {@code expectedVersion} (when given), checked atomically with the
   * close: a write that comes in first makes this throw {@link
   * dev.wasmmemory.memory.VersionMismatchException} and keeps the memory. Closed first, forgotten
   * after, so that the delete takes effect at one instant; of two deletes only one succeeds.
   */
  public void delete(String id, OptionalLong expectedVersion) {
    StoredMemory stored = memories.get(id);
    if (stored == null) {
      throw new MemoryNotFoundException(id);
    }
    LinearMemory memory = stored.memory();
    if (expectedVersion.isPresent()) {
      memory = memory.ifVersion(expectedVersion.getAsLong());
    }
    memory.close();
    if (!memories.remove(id, stored)) {
      throw new MemoryNotFoundException(id);
    }
    count.decrementAndGet();
  }

  /** Drops every memory not used for {@code maxIdle}; returns how many. */
  public int expireIdle(Duration maxIdle) {
    long now = clock.getAsLong();
    int expired = 0;
    for (StoredMemory stored : memories.values()) {
      if (now - stored.lastUsedNanos() >= maxIdle.toNanos()
          && memories.remove(stored.id(), stored)) {
        stored.memory().close();
        count.decrementAndGet();
        expired++;
      }
    }
    return expired;
  }
}
