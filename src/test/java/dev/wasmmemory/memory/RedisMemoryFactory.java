package dev.wasmmemory.memory;

import dev.wasmmemory.store.redis.RedisTestStores;

/**
 * Memories of the Redis store on the shared test cluster; a memory is "reopened" by a second
 * replica's store, which must find the same bytes, version and materialised pages.
 */
final class RedisMemoryFactory implements MemoryFactory {
  @Override
  public LinearMemory alloc(long initialPages, Long maximumPages, PageBudget budget) {
    MemoryLimits limits = MemoryLimits.of(initialPages, maximumPages);
    return RedisTestStores.cluster().create(limits, null, budget);
  }

  /** A round trip per operation: a tenth of the in-process loops still interleaves thousands. */
  @Override
  public int scaled(int count) {
    return Math.max(30, count / 10);
  }

  @Override
  public LinearMemory reopen(LinearMemory memory) {
    return RedisTestStores.secondReplica().find(memory.id()).orElseThrow();
  }
}
