package dev.wasmmemory.service;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.MemoryStore.MemoryRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memories the service holds, by id, over whichever {@link MemoryStore} keeps them. Ids are
 * random UUIDs (122 random bits), so an id is as good as a credential. Every page of every memory
 * is paid for from one {@link MemoryBudget}.
 *
 * <p>{@code memory.max-memories} is checked against the store's count under this registry's lock:
 * exact within one service; replicas sharing a store may each pass it by the creations they race.
 *
 * <p>Ownership is checked here, and only here: every operation finds its memories through {@link
 * #get}, which answers a memory the {@link Callers current caller} may not see exactly as one that
 * does not exist; {@link #create} gives the memory to the caller, {@link #list} lists its own.
 */
public final class MemoryRegistry {
  /**
   * A memory's last use is passed to its store at most this often (a read must not cost a write).
   */
  private final Duration touchEvery;

  private final MemoryStore store;
  private final MemoryBudget budget;
  private final int maxMemories;
  private final Clock clock;
  private final Callers callers;
  private final Object creating = new Object();

  /** When this registry last passed each memory's use to the store. */
  private final Map<String, Instant> touched = new ConcurrentHashMap<>();

  public MemoryRegistry(MemoryStore store, MemoryBudget budget, int maxMemories, Clock clock) {
    this(store, budget, maxMemories, clock, Duration.ofSeconds(1));
  }

  /**
   * @param touchEvery how stale a memory's last use may be in its store: well under the idle
   *     expiry, so that a memory in use never looks idle
   */
  public MemoryRegistry(
      MemoryStore store, MemoryBudget budget, int maxMemories, Clock clock, Duration touchEvery) {
    this(store, budget, maxMemories, clock, touchEvery, Callers.OPEN);
  }

  /**
   * @param callers who the request being served acts for: whose memories exist for it
   */
  public MemoryRegistry(
      MemoryStore store,
      MemoryBudget budget,
      int maxMemories,
      Clock clock,
      Duration touchEvery,
      Callers callers) {
    this.callers = callers;
    this.touchEvery = touchEvery;
    this.store = store;
    this.budget = budget;
    this.maxMemories = maxMemories;
    this.clock = clock;
  }

  /** Allocates a zeroed memory; see {@link MemoryLimits#of} for the limits it refuses. */
  public StoredMemory create(long initialPages, Long maximumPages) {
    MemoryLimits limits = MemoryLimits.of(initialPages, maximumPages);
    synchronized (creating) {
      if (store.count() >= maxMemories) {
        throw new MemoryLimitExceededException(maxMemories);
      }
      LinearMemory memory = store.create(limits, callers.current().owner());
      return new StoredMemory(memory.id(), memory);
    }
  }

  /** The memory with this id, marked as used now. */
  public StoredMemory get(String id) {
    LinearMemory memory = find(id);
    Instant now = clock.instant();
    Instant last = touched.get(id);
    if (last == null || !now.isBefore(last.plus(touchEvery))) {
      touched.put(id, now);
      store.touch(id, now);
    }
    return new StoredMemory(id, memory);
  }

  /** The memory with this id if the caller may see it; otherwise, as if there were none. */
  private LinearMemory find(String id) {
    Caller caller = callers.current();
    if (!caller.restricted()) {
      return store.find(id).orElseThrow(() -> new MemoryNotFoundException(id));
    }
    return store
        .findOwned(id)
        .filter(found -> caller.sees(id, found.owner()))
        .map(MemoryStore.Owned::memory)
        .orElseThrow(() -> new MemoryNotFoundException(id));
  }

  /** Every memory's record the caller may see, oldest first. */
  public List<MemoryRecord> list() {
    Caller caller = callers.current();
    if (!caller.restricted()) {
      return store.list();
    }
    return store.list().stream().filter(r -> caller.sees(r.id(), r.owner())).toList();
  }

  public int size() {
    return store.count();
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
   * dev.wasmmemory.memory.VersionMismatchException} and keeps the memory. Of two deletes only one
   * succeeds.
   */
  public void delete(String id, OptionalLong expectedVersion) {
    LinearMemory memory = find(id);
    if (expectedVersion.isPresent()) {
      memory = memory.ifVersion(expectedVersion.getAsLong());
    }
    if (!store.delete(memory)) {
      throw new MemoryNotFoundException(id);
    }
    touched.remove(id);
  }

  /** Drops every memory not used for {@code maxIdle}; returns how many. */
  public int expireIdle(Duration maxIdle) {
    return expireIdle(maxIdle, id -> {});
  }

  /** {@link #expireIdle(Duration)}, telling {@code dropped} each id it dropped. */
  public int expireIdle(Duration maxIdle, java.util.function.Consumer<String> dropped) {
    Instant cutoff = clock.instant().minus(maxIdle);
    int expired = 0;
    for (MemoryRecord record : store.list()) {
      if (!record.lastUsed().isAfter(cutoff)) {
        var memory = store.find(record.id());
        if (memory.isPresent() && store.delete(memory.get())) {
          touched.remove(record.id());
          dropped.accept(record.id());
          expired++;
        }
      }
    }
    return expired;
  }
}
